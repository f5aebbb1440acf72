class Solution {
public:
    int minCostClimbingStairs(vector<int>& cost) {
        int twoBack = 0; // cheapest cost to stand at i - 2
        int oneBack = 0; // cheapest cost to stand at i - 1
        for (int i = 2; i <= (int)cost.size(); i++) {
            int here = min(oneBack + cost[i - 1], twoBack + cost[i - 2]);
            twoBack = oneBack;
            oneBack = here;
        }
        return oneBack;
    }
};
