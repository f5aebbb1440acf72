class Solution {
public:
    vector<int> topKFrequent(vector<int>& nums, int k) {
        // Brute force: count each distinct value by scanning the whole array
        // again, O(n * d), then sort by count.
        vector<int> distinct;
        for (int x : nums) {
            if (find(distinct.begin(), distinct.end(), x) == distinct.end()) {
                distinct.push_back(x);
            }
        }
        vector<pair<int, int>> counted; // (count, value)
        for (int value : distinct) {
            int count = 0;
            for (int x : nums) {
                if (x == value) {
                    count++;
                }
            }
            counted.push_back({count, value});
        }
        sort(counted.rbegin(), counted.rend());
        vector<int> out;
        for (int i = 0; i < k; i++) {
            out.push_back(counted[i].second);
        }
        return out;
    }
};
