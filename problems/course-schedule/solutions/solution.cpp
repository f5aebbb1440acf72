class Solution {
public:
    bool canFinish(int numCourses, vector<vector<int>>& prerequisites) {
        vector<vector<int>> out(numCourses);
        vector<int> indeg(numCourses, 0);
        for (auto& p : prerequisites) {
            out[p[1]].push_back(p[0]);
            indeg[p[0]]++;
        }
        vector<int> queue;
        queue.reserve(numCourses);
        for (int c = 0; c < numCourses; c++) {
            if (indeg[c] == 0) {
                queue.push_back(c);
            }
        }
        for (size_t head = 0; head < queue.size(); head++) {
            for (int a : out[queue[head]]) {
                if (--indeg[a] == 0) {
                    queue.push_back(a);
                }
            }
        }
        return (int)queue.size() == numCourses;
    }
};
