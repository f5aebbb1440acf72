function missingNumber(nums: number[]): number {
    const n = nums.length;
    let missing = n; // the XOR of 0..n and every value of nums
    for (let i = 0; i < n; i++) {
        missing ^= i ^ nums[i];
    }
    return missing;
}
