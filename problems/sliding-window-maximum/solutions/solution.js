/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number[]}
 */
function maxSlidingWindow(nums, k) {
    // A deque of indices in an array: window[head..tail), values decreasing.
    const window = new Int32Array(nums.length);
    let head = 0, tail = 0;
    const out = [];
    for (let i = 0; i < nums.length; i++) {
        if (head < tail && window[head] === i - k) head++; // it just left the window
        while (head < tail && nums[window[tail - 1]] <= nums[i]) tail--; // never a maximum again
        window[tail++] = i;
        if (i >= k - 1) out.push(nums[window[head]]);
    }
    return out;
}
