class Solution {
public:
    int findCircleNum(vector<vector<int>>& isConnected) {
        int n = isConnected.size();
        parent.resize(n);
        iota(parent.begin(), parent.end(), 0);
        vector<int> size(n, 1);
        int provinces = n;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (isConnected[i][j] != 1) {
                    continue;
                }
                int a = find(i), b = find(j);
                if (a == b) {
                    continue;
                }
                if (size[a] < size[b]) {
                    swap(a, b);
                }
                parent[b] = a;
                size[a] += size[b];
                provinces--;
            }
        }
        return provinces;
    }

private:
    vector<int> parent;

    int find(int v) {
        int root = v;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[v] != root) {
            int next = parent[v];
            parent[v] = root;
            v = next;
        }
        return root;
    }
};
