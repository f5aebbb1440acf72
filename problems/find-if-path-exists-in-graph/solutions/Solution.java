class Solution {
    private int[] parent;

    public boolean validPath(int n, int[][] edges, int source, int destination) {
        parent = new int[n];
        int[] size = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
            size[v] = 1;
        }
        for (int[] e : edges) {
            int a = find(e[0]), b = find(e[1]);
            if (a == b) {
                continue;
            }
            if (size[a] < size[b]) {
                int t = a;
                a = b;
                b = t;
            }
            parent[b] = a;
            size[a] += size[b];
        }
        return find(source) == find(destination);
    }

    private int find(int v) {
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
}
