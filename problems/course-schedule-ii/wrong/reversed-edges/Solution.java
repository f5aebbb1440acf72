class Solution {
    public int[] findOrder(int numCourses, int[][] prerequisites) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < numCourses; c++) {
            out.add(new ArrayList<>());
        }
        int[] indeg = new int[numCourses];
        // Mistake: the arrow goes from a to b, so a course comes before the
        // courses it requires.
        for (int[] p : prerequisites) {
            out.get(p[0]).add(p[1]);
            indeg[p[1]]++;
        }
        int[] order = new int[numCourses];
        int head = 0, tail = 0;
        for (int c = 0; c < numCourses; c++) {
            if (indeg[c] == 0) {
                order[tail++] = c;
            }
        }
        while (head < tail) {
            for (int b : out.get(order[head++])) {
                if (--indeg[b] == 0) {
                    order[tail++] = b;
                }
            }
        }
        return tail == numCourses ? order : new int[0];
    }
}
