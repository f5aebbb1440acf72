function singleNumber(nums: number[]): number {
    // Brute force: for every value, scan the whole array for a second copy.
    // O(n^2).
    const n = nums.length;
    for (let i = 0; i < n; i++) {
        let paired = false;
        for (let j = 0; j < n; j++) {
            if (j !== i && nums[j] === nums[i]) {
                paired = true;
                break;
            }
        }
        if (!paired) return nums[i];
    }
    return 0;
}
