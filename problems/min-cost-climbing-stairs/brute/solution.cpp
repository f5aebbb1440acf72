class Solution {
public:
    int minCostClimbingStairs(vector<int>& cost) {
        // Brute force: from every step try both moves recursively, without
        // remembering results. Exponential in the number of steps.
        return min(climb(cost, 0), climb(cost, 1));
    }

private:
    int climb(const vector<int>& cost, int i) {
        if (i >= (int)cost.size()) {
            return 0;
        }
        return cost[i] + min(climb(cost, i + 1), climb(cost, i + 2));
    }
};
