class Solution {
public:
    long long subarraySum(vector<int>& nums, int k) {
        unordered_map<int, int> count;
        count[0] = 1;
        int prefix = 0;
        long long answer = 0;
        for (int x : nums) {
            prefix += x;
            auto it = count.find(prefix - k);
            if (it != count.end()) {
                answer += it->second;
            }
            count[prefix]++;
        }
        return answer;
    }
};
