class Solution {
    private List<List<Integer>> needs;
    private boolean[] onPath;

    public boolean canFinish(int numCourses, int[][] prerequisites) {
        // Brute force: from every course, DFS along requirements keeping only
        // the current path; finished courses are not remembered, so shared
        // parts of the graph are walked again for every path that reaches them.
        needs = new ArrayList<>();
        for (int c = 0; c < numCourses; c++) {
            needs.add(new ArrayList<>());
        }
        for (int[] p : prerequisites) {
            needs.get(p[0]).add(p[1]);
        }
        onPath = new boolean[numCourses];
        for (int c = 0; c < numCourses; c++) {
            if (cycle(c)) {
                return false;
            }
        }
        return true;
    }

    private boolean cycle(int c) {
        if (onPath[c]) {
            return true;
        }
        onPath[c] = true;
        for (int b : needs.get(c)) {
            if (cycle(b)) {
                return true;
            }
        }
        onPath[c] = false;
        return false;
    }
}
