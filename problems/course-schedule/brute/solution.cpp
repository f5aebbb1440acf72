class Solution {
public:
    bool canFinish(int numCourses, vector<vector<int>>& prerequisites) {
        // Brute force: from every course, DFS along requirements keeping only
        // the current path; finished courses are not remembered, so shared
        // parts of the graph are walked again for every path that reaches them.
        needs.assign(numCourses, {});
        for (auto& p : prerequisites) {
            needs[p[0]].push_back(p[1]);
        }
        onPath.assign(numCourses, false);
        for (int c = 0; c < numCourses; c++) {
            if (cycle(c)) {
                return false;
            }
        }
        return true;
    }

private:
    vector<vector<int>> needs;
    vector<bool> onPath;

    bool cycle(int c) {
        if (onPath[c]) {
            return true;
        }
        onPath[c] = true;
        for (int b : needs[c]) {
            if (cycle(b)) {
                return true;
            }
        }
        onPath[c] = false;
        return false;
    }
};
