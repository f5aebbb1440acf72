/**
 * @param {number[]} nums
 * @return {number}
 */
function lengthOfLIS(nums) {
    // Brute force: the O(n^2) table; best[i] is the longest increasing
    // subsequence ending at i.
    const n = nums.length;
    const best = new Array(n).fill(1);
    let answer = 0;
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) {
            if (nums[j] < nums[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
        }
        answer = Math.max(answer, best[i]);
    }
    return answer;
}
