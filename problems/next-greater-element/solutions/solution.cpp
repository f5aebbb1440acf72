class Solution {
public:
    vector<int> nextGreaterElement(vector<int>& nums) {
        int n = nums.size();
        vector<int> answer(n, -1);
        vector<int> waiting; // indices whose answer is unknown
        for (int i = 0; i < n; i++) {
            int x = nums[i];
            while (!waiting.empty() && nums[waiting.back()] < x) {
                answer[waiting.back()] = x;
                waiting.pop_back();
            }
            waiting.push_back(i);
        }
        return answer;
    }
};
