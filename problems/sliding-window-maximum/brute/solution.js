/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number[]}
 */
function maxSlidingWindow(nums, k) {
    // Brute force: the maximum of every window from scratch. O(n * k).
    const out = [];
    for (let start = 0; start + k <= nums.length; start++) {
        let best = nums[start];
        for (let j = start + 1; j < start + k; j++) {
            if (nums[j] > best) best = nums[j];
        }
        out.push(best);
    }
    return out;
}
