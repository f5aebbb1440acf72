class Solution {
    public int[] findOrder(int numCourses, int[][] prerequisites) {
        // Brute force: every round rescans the whole list of pairs to find the
        // courses still waiting for an untaken requirement, then takes all the
        // others. A chain of n courses takes n rounds: O(n * (n + p)).
        boolean[] taken = new boolean[numCourses];
        int[] order = new int[numCourses];
        int count = 0;
        while (count < numCourses) {
            boolean[] blocked = new boolean[numCourses];
            for (int[] p : prerequisites) {
                if (!taken[p[1]]) {
                    blocked[p[0]] = true;
                }
            }
            boolean progress = false;
            for (int c = 0; c < numCourses; c++) {
                if (!taken[c] && !blocked[c]) {
                    taken[c] = true;
                    order[count++] = c;
                    progress = true;
                }
            }
            if (!progress) {
                return new int[0];
            }
        }
        return order;
    }
}
