/**
 * @param {number[]} nums
 * @return {boolean}
 */
function canPartition(nums) {
    // Brute force: include or exclude every number recursively, without
    // remembering results. Exponential when no split exists.
    const total = nums.reduce((a, b) => a + b, 0);
    if (total % 2 === 1) return false;
    const n = nums.length;
    const reach = (i, rest) => {
        if (rest === 0) return true;
        if (i === n || rest < 0) return false;
        return reach(i + 1, rest - nums[i]) || reach(i + 1, rest);
    };
    return reach(0, total / 2);
}
