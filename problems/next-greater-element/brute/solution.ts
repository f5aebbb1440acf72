function nextGreaterElement(nums: number[]): number[] {
    // Brute force: scan right from every index. O(n^2) on flat input.
    const n = nums.length;
    const answer: number[] = new Array(n).fill(-1);
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
