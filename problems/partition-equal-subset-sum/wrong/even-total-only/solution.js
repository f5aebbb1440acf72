/**
 * @param {number[]} nums
 * @return {boolean}
 */
function canPartition(nums) {
    // Wrong: an even total is necessary but not enough ([2, 2, 2]).
    const total = nums.reduce((a, b) => a + b, 0);
    return nums.length > 1 && total % 2 === 0;
}
