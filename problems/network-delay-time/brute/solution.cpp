class Solution {
public:
    int networkDelayTime(vector<vector<int>>& times, int n, int k) {
        // Brute force: Bellman-Ford, relaxing every link n - 1 times.
        const int inf = INT_MAX / 2;
        vector<int> dist(n + 1, inf);
        dist[k] = 0;
        for (int round = 1; round < n; round++) {
            for (auto& t : times) {
                if (dist[t[0]] + t[2] < dist[t[1]]) {
                    dist[t[1]] = dist[t[0]] + t[2];
                }
            }
        }
        int latest = *max_element(dist.begin() + 1, dist.end());
        return latest >= inf ? -1 : latest;
    }
};
