class Solution {
    public int[] findOrder(int numCourses, int[][] prerequisites) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < numCourses; c++) {
            out.add(new ArrayList<>());
        }
        int[] indeg = new int[numCourses];
        for (int[] p : prerequisites) {
            out.get(p[1]).add(p[0]);
            indeg[p[0]]++;
        }
        int[] order = new int[numCourses];
        int head = 0, tail = 0;
        for (int c = 0; c < numCourses; c++) {
            if (indeg[c] == 0) {
                order[tail++] = c;
            }
        }
        while (head < tail) {
            for (int a : out.get(order[head++])) {
                if (--indeg[a] == 0) {
                    order[tail++] = a;
                }
            }
        }
        return tail == numCourses ? order : new int[0];
    }
}
