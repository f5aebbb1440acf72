class Solution {
public:
    vector<int> nextGreaterElement(vector<int>& nums) {
        // Wrong: pops on <=, so an equal value is taken as the answer.
        int n = nums.size();
        vector<int> answer(n, -1);
        vector<int> waiting;
        for (int i = 0; i < n; i++) {
            while (!waiting.empty() && nums[waiting.back()] <= nums[i]) {
                answer[waiting.back()] = nums[i];
                waiting.pop_back();
            }
            waiting.push_back(i);
        }
        return answer;
    }
};
