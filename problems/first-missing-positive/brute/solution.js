/**
 * @param {number[]} nums
 * @return {number}
 */
function firstMissingPositive(nums) {
    // Brute force: try 1, 2, 3, ... and scan the array for each.
    // O(n^2) when many small positives are present.
    for (let k = 1; ; k++) {
        let found = false;
        for (let i = 0; i < nums.length; i++) {
            if (nums[i] === k) {
                found = true;
                break;
            }
        }
        if (!found) return k;
    }
}
