class Solution {
public:
    int networkDelayTime(vector<vector<int>>& times, int n, int k) {
        vector<vector<pair<int, int>>> adj(n + 1);
        for (auto& t : times) {
            adj[t[0]].push_back({t[1], t[2]});
        }
        vector<int> dist(n + 1, -1);
        priority_queue<pair<int, int>, vector<pair<int, int>>, greater<>> heap;
        dist[k] = 0;
        heap.push({0, k});
        while (!heap.empty()) {
            auto [d, u] = heap.top();
            heap.pop();
            for (auto [v, w] : adj[u]) {
                // Mistake: the first distance pushed for v is taken as final.
                if (dist[v] == -1) {
                    dist[v] = d + w;
                    heap.push({dist[v], v});
                }
            }
        }
        int latest = 0;
        for (int v = 1; v <= n; v++) {
            if (dist[v] == -1) {
                return -1;
            }
            latest = max(latest, dist[v]);
        }
        return latest;
    }
};
