function subarraySum(nums: number[], k: number): number {
    // Brute force: sum the subarrays from every start. O(n^2).
    const n = nums.length;
    let answer = 0;
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = i; j < n; j++) {
            s += nums[j];
            if (s === k) answer++;
        }
    }
    return answer;
}
