function canJump(nums: number[]): boolean {
    // good[i]: the last index can be reached from i. Every jump is tried: O(n^2).
    const n = nums.length;
    const good = new Array(n).fill(false);
    good[n - 1] = true;
    for (let i = n - 2; i >= 0; i--) {
        for (let j = 1; j <= nums[i] && i + j < n; j++) {
            if (good[i + j]) {
                good[i] = true;
                break;
            }
        }
    }
    return good[0];
}
