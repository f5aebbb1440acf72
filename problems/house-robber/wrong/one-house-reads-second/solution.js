/**
 * @param {number[]} nums
 * @return {number}
 */
function rob(nums) {
    // Wrong: reads nums[1] even when there is only one house.
    let prev2 = nums[0];
    let prev1 = Math.max(nums[0], nums[1]);
    for (let i = 2; i < nums.length; i++) {
        const here = Math.max(prev1, prev2 + nums[i]);
        prev2 = prev1;
        prev1 = here;
    }
    return prev1;
}
