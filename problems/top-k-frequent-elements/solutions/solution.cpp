class Solution {
public:
    vector<int> topKFrequent(vector<int>& nums, int k) {
        unordered_map<int, int> counts;
        for (int x : nums) {
            counts[x]++;
        }
        // A count is between 1 and n, so bucket the values by count instead
        // of sorting them.
        vector<vector<int>> buckets(nums.size() + 1);
        for (auto& [value, count] : counts) {
            buckets[count].push_back(value);
        }
        vector<int> result;
        for (int count = nums.size(); count > 0 && (int) result.size() < k; count--) {
            for (int value : buckets[count]) {
                if ((int) result.size() == k) {
                    break;
                }
                result.push_back(value);
            }
        }
        return result;
    }
};
