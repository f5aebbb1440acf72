function productExceptSelf(nums: number[]): number[] {
    // Brute force: multiply every other element, for each index. O(n^2).
    const n = nums.length;
    const answer: number[] = [];
    for (let i = 0; i < n; i++) {
        let product = 1;
        for (let j = 0; j < n; j++) {
            if (j !== i) product *= nums[j];
        }
        answer.push(product + 0);
    }
    return answer;
}
