class Solution {
    public int lengthOfLIS(int[] nums) {
        // Brute force: the O(n^2) table; best[i] is the longest increasing
        // subsequence ending at i.
        int n = nums.length;
        int[] best = new int[n];
        int answer = 0;
        for (int i = 0; i < n; i++) {
            best[i] = 1;
            for (int j = 0; j < i; j++) {
                if (nums[j] < nums[i] && best[j] + 1 > best[i]) {
                    best[i] = best[j] + 1;
                }
            }
            answer = Math.max(answer, best[i]);
        }
        return answer;
    }
}
