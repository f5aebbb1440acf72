class Solution {
public:
    int lengthOfLIS(vector<int>& nums) {
        // Brute force: the O(n^2) table; best[i] is the longest increasing
        // subsequence ending at i.
        int n = nums.size();
        vector<int> best(n, 1);
        int answer = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (nums[j] < nums[i] && best[j] + 1 > best[i]) {
                    best[i] = best[j] + 1;
                }
            }
            answer = max(answer, best[i]);
        }
        return answer;
    }
};
