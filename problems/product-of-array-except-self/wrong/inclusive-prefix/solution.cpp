class Solution {
public:
    vector<int> productExceptSelf(vector<int>& nums) {
        // Wrong: the running products take nums[i] before it is stored, so
        // answer[i] includes nums[i] itself on the left side.
        int n = nums.size();
        vector<int> answer(n);
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= nums[i];
            answer[i] = p;
        }
        int s = 1;
        for (int i = n - 1; i >= 0; i--) {
            answer[i] *= s;
            s *= nums[i];
        }
        return answer;
    }
};
