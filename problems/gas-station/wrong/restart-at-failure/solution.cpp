class Solution {
public:
    int canCompleteCircuit(vector<int>& gas, vector<int>& cost) {
        // Wrong: restarts at the station where the tank ran dry, not the
        // one after it.
        int total = 0, tank = 0, start = 0;
        for (int i = 0; i < (int)gas.size(); i++) {
            int d = gas[i] - cost[i];
            total += d;
            tank += d;
            if (tank < 0) {
                start = i;
                tank = 0;
            }
        }
        return total >= 0 ? start : -1;
    }
};
