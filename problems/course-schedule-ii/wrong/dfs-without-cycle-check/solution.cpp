class Solution {
public:
    vector<int> findOrder(int numCourses, vector<vector<int>>& prerequisites) {
        out.assign(numCourses, {});
        for (auto& p : prerequisites) {
            out[p[1]].push_back(p[0]);
        }
        visited.assign(numCourses, false);
        finished.clear();
        for (int c = 0; c < numCourses; c++) {
            if (!visited[c]) {
                dfs(c);
            }
        }
        reverse(finished.begin(), finished.end());
        return finished;
    }

private:
    vector<vector<int>> out;
    vector<bool> visited;
    vector<int> finished;

    // Mistake: one visited mark and no "on the current path" state, so a
    // cycle is never noticed and an order comes back anyway.
    void dfs(int c) {
        visited[c] = true;
        for (int a : out[c]) {
            if (!visited[a]) {
                dfs(a);
            }
        }
        finished.push_back(c);
    }
};
