class Solution {
public:
    bool validPath(int n, vector<vector<int>>& edges, int source, int destination) {
        parent.resize(n);
        vector<int> size(n, 1);
        iota(parent.begin(), parent.end(), 0);
        for (auto& e : edges) {
            int a = find(e[0]), b = find(e[1]);
            if (a == b) {
                continue;
            }
            if (size[a] < size[b]) {
                swap(a, b);
            }
            parent[b] = a;
            size[a] += size[b];
        }
        return find(source) == find(destination);
    }

private:
    vector<int> parent;

    int find(int v) {
        int root = v;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[v] != root) { // path compression
            int next = parent[v];
            parent[v] = root;
            v = next;
        }
        return root;
    }
};
