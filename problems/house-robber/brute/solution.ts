function rob(nums: number[]): number {
    // Brute force: take or skip every house recursively, without
    // remembering results. Exponential in the number of houses.
    const n = nums.length;
    const best = (i: number): number => (i >= n ? 0 : Math.max(best(i + 1), nums[i] + best(i + 2)));
    return best(0);
}
