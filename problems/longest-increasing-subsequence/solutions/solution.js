/**
 * @param {number[]} nums
 * @return {number}
 */
function lengthOfLIS(nums) {
    const tails = []; // tails[L]: smallest value ending an increasing run of length L + 1
    for (const v of nums) {
        let lo = 0;
        let hi = tails.length;
        while (lo < hi) { // first entry >= v keeps it strict
            const mid = (lo + hi) >> 1;
            if (tails[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        tails[lo] = v;
    }
    return tails.length;
}
