class Solution {
    public int minCostClimbingStairs(int[] cost) {
        // Brute force: from every step try both moves recursively, without
        // remembering results. Exponential in the number of steps.
        return Math.min(climb(cost, 0), climb(cost, 1));
    }

    private int climb(int[] cost, int i) {
        if (i >= cost.length) {
            return 0;
        }
        return cost[i] + Math.min(climb(cost, i + 1), climb(cost, i + 2));
    }
}
