class Solution {
public:
    vector<vector<int>> kClosest(vector<vector<int>>& points, int k) {
        // Max-heap of (squared distance, index) holding the k closest points so far.
        priority_queue<pair<int, int>> heap;
        for (int i = 0; i < (int) points.size(); i++) {
            int x = points[i][0], y = points[i][1];
            heap.push({x * x + y * y, i});
            if ((int) heap.size() > k) heap.pop();
        }
        vector<vector<int>> out;
        while (!heap.empty()) {
            out.push_back(points[heap.top().second]);
            heap.pop();
        }
        return out;
    }
};
