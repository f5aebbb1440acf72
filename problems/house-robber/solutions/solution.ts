function rob(nums: number[]): number {
    let prev2 = 0; // best total up to house i - 2
    let prev1 = 0; // best total up to house i - 1
    for (const v of nums) {
        const here = Math.max(prev1, prev2 + v);
        prev2 = prev1;
        prev1 = here;
    }
    return prev1;
}
