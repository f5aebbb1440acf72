/**
 * @param {number[]} nums
 * @return {number[]}
 */
function nextGreaterElement(nums) {
    // Brute force: scan right from every index. O(n^2) on flat input.
    const n = nums.length;
    const answer = new Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
            if (nums[j] > nums[i]) {
                answer[i] = nums[j];
                break;
            }
        }
    }
    return answer;
}
