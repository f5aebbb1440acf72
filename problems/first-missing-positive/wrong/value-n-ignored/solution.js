/**
 * @param {number[]} nums
 * @return {number}
 */
function firstMissingPositive(nums) {
    // Wrong: the presence table only records values below n, so the value
    // n itself is never seen.
    const n = nums.length;
    const seen = new Array(n + 1).fill(false);
    for (const x of nums) {
        if (x > 0 && x < n) seen[x] = true;
    }
    for (let k = 1; k <= n; k++) {
        if (!seen[k]) return k;
    }
    return n + 1;
}
