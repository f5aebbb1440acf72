function maxSlidingWindow(nums: number[], k: number): number[] {
    // Brute force: the maximum of every window from scratch. O(n * k).
    const out: number[] = [];
    for (let start = 0; start + k <= nums.length; start++) {
        let best = nums[start];
        for (let j = start + 1; j < start + k; j++) {
            if (nums[j] > best) best = nums[j];
        }
        out.push(best);
    }
    return out;
}
