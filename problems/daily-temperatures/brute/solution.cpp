class Solution {
public:
    vector<int> dailyTemperatures(vector<int>& temperatures) {
        // Brute force: look ahead from every day. O(n^2) on a cold spell.
        int n = temperatures.size();
        vector<int> answer(n, 0);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (temperatures[j] > temperatures[i]) {
                    answer[i] = j - i;
                    break;
                }
            }
        }
        return answer;
    }
};
