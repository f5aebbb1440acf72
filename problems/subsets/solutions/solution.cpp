class Solution {
public:
    vector<vector<int>> subsets(vector<int>& nums) {
        vector<int> sorted = nums;
        sort(sorted.begin(), sorted.end());
        vector<vector<int>> result = {{}};
        for (int x : sorted) {
            size_t count = result.size();
            for (size_t i = 0; i < count; i++) {
                vector<int> grown = result[i];
                grown.push_back(x);
                result.push_back(move(grown));
            }
        }
        return result;
    }
};
