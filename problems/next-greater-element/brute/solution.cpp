class Solution {
public:
    vector<int> nextGreaterElement(vector<int>& nums) {
        // Brute force: scan right from every index. O(n^2) on flat input.
        int n = nums.size();
        vector<int> answer(n, -1);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (nums[j] > nums[i]) {
                    answer[i] = nums[j];
                    break;
                }
            }
        }
        return answer;
    }
};
