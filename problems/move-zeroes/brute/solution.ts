function moveZeroes(nums: number[]): number[] {
    // Brute force: for each zero, shift everything after it one step left
    // and put the zero at the end. O(n^2).
    let end = nums.length;
    let i = 0;
    while (i < end) {
        if (nums[i] === 0) {
            for (let j = i; j < end - 1; j++) nums[j] = nums[j + 1];
            nums[end - 1] = 0;
            end--;
        } else {
            i++;
        }
    }
    return nums;
}
