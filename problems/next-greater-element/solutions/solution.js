/**
 * @param {number[]} nums
 * @return {number[]}
 */
function nextGreaterElement(nums) {
    const answer = new Array(nums.length).fill(-1);
    const waiting = []; // indices whose answer is unknown
    for (let i = 0; i < nums.length; i++) {
        const x = nums[i];
        while (waiting.length > 0 && nums[waiting[waiting.length - 1]] < x) {
            answer[waiting.pop()] = x;
        }
        waiting.push(i);
    }
    return answer;
}
