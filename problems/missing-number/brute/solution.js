/**
 * @param {number[]} nums
 * @return {number}
 */
function missingNumber(nums) {
    // Brute force: try every candidate 0..n with a linear search. O(n^2).
    const n = nums.length;
    for (let k = 0; k <= n; k++) {
        let found = false;
        for (let i = 0; i < n; i++) {
            if (nums[i] === k) {
                found = true;
                break;
            }
        }
        if (!found) return k;
    }
    return -1;
}
