class Solution {
public:
    vector<int> findOrder(int numCourses, vector<vector<int>>& prerequisites) {
        // Brute force: every round rescans the whole list of pairs to find the
        // courses still waiting for an untaken requirement, then takes all the
        // others. A chain of n courses takes n rounds: O(n * (n + p)).
        vector<bool> taken(numCourses, false);
        vector<int> order;
        while ((int)order.size() < numCourses) {
            vector<bool> blocked(numCourses, false);
            for (auto& p : prerequisites) {
                if (!taken[p[1]]) {
                    blocked[p[0]] = true;
                }
            }
            bool progress = false;
            for (int c = 0; c < numCourses; c++) {
                if (!taken[c] && !blocked[c]) {
                    taken[c] = true;
                    order.push_back(c);
                    progress = true;
                }
            }
            if (!progress) {
                return {};
            }
        }
        return order;
    }
};
