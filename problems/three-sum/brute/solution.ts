function threeSum(nums: number[]): number[][] {
    // Brute force: every triple of positions, deduplicated with a set.
    // O(n^3).
    const n = nums.length;
    const found = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
            for (let k = j + 1; k < n; k++) {
                if (nums[i] + nums[j] + nums[k] === 0) {
                    const t = [nums[i], nums[j], nums[k]].sort((x, y) => x - y);
                    found.set(t.join(','), t);
                }
            }
        }
    }
    return [...found.values()];
}
