/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number[]}
 */
function maxSlidingWindow(nums, k) {
    // Wrong: keeps values and pops equal ones, then drops the front when it
    // equals the leaving value, which may be a copy still in the window.
    const window = [];
    const out = [];
    for (let i = 0; i < nums.length; i++) {
        if (i >= k && window[0] === nums[i - k]) window.shift();
        while (window.length > 0 && window[window.length - 1] <= nums[i]) window.pop();
        window.push(nums[i]);
        if (i >= k - 1) out.push(window[0]);
    }
    return out;
}
