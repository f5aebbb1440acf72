class Solution {
public:
    int networkDelayTime(vector<vector<int>>& times, int n, int k) {
        vector<vector<pair<int, int>>> adj(n + 1);
        for (auto& t : times) {
            adj[t[0]].push_back({t[1], t[2]});
        }
        vector<int> best(n + 1, INT_MAX);
        vector<bool> done(n + 1, false);
        priority_queue<pair<int, int>, vector<pair<int, int>>, greater<>> heap;
        best[k] = 0;
        heap.push({0, k});
        int settled = 0, latest = 0;
        while (!heap.empty()) {
            auto [d, u] = heap.top();
            heap.pop();
            if (done[u]) {
                continue;
            }
            done[u] = true;
            settled++;
            latest = d;
            for (auto [v, w] : adj[u]) {
                if (d + w < best[v]) {
                    best[v] = d + w;
                    heap.push({best[v], v});
                }
            }
        }
        return settled == n ? latest : -1;
    }
};
