class Solution {
    public long subarraySum(int[] nums, int k) {
        // Brute force: sum the subarrays from every start. O(n^2).
        int n = nums.length;
        long answer = 0;
        for (int i = 0; i < n; i++) {
            int s = 0;
            for (int j = i; j < n; j++) {
                s += nums[j];
                if (s == k) {
                    answer++;
                }
            }
        }
        return answer;
    }
}
