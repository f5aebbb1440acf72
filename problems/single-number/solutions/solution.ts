function singleNumber(nums: number[]): number {
    let x = 0;
    for (const v of nums) {
        x ^= v; // equal values cancel, 0 ^ v == v
    }
    return x;
}
