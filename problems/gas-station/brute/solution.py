class Solution:
    def canCompleteCircuit(self, gas: List[int], cost: List[int]) -> int:
        # Brute force: simulate the trip from every start. O(n^2).
        n = len(gas)
        for s in range(n):
            tank = 0
            ok = True
            for k in range(n):
                j = (s + k) % n
                tank += gas[j] - cost[j]
                if tank < 0:
                    ok = False
                    break
            if ok:
                return s
        return -1
