function moveZeroes(nums: number[]): number[] {
    let w = 0;
    for (let i = 0; i < nums.length; i++) {
        if (nums[i] !== 0) {
            const x = nums[i];
            nums[i] = nums[w];
            nums[w] = x;
            w++;
        }
    }
    return nums;
}
