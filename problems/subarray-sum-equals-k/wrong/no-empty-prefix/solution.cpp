class Solution {
public:
    long long subarraySum(vector<int>& nums, int k) {
        // Wrong: the map starts empty, so subarrays that begin at index 0
        // (prefix sum 0 before the array) are never counted.
        unordered_map<int, int> count;
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
