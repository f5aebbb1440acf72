function pivotIndex(nums: number[]): number {
    // Brute force: add up both sides afresh for every index. O(n^2).
    const n = nums.length;
    for (let i = 0; i < n; i++) {
        let left = 0;
        for (let j = 0; j < i; j++) left += nums[j];
        let right = 0;
        for (let j = i + 1; j < n; j++) right += nums[j];
        if (left === right) return i;
    }
    return -1;
}
