class Solution {
public:
    vector<int> findOrder(int numCourses, vector<vector<int>>& prerequisites) {
        vector<vector<int>> out(numCourses);
        vector<int> indeg(numCourses, 0);
        for (auto& p : prerequisites) {
            out[p[1]].push_back(p[0]);
            indeg[p[0]]++;
        }
        vector<int> order;
        order.reserve(numCourses);
        for (int c = 0; c < numCourses; c++) {
            if (indeg[c] == 0) {
                order.push_back(c);
            }
        }
        for (size_t head = 0; head < order.size(); head++) {
            for (int a : out[order[head]]) {
                if (--indeg[a] == 0) {
                    order.push_back(a);
                }
            }
        }
        if ((int)order.size() < numCourses) {
            return {};
        }
        return order;
    }
};
