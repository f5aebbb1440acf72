class Solution:
    def canCompleteCircuit(self, gas: List[int], cost: List[int]) -> int:
        # Wrong: never checks that the total gas covers the total cost, so
        # it names a start even when the circle cannot be completed.
        tank = start = 0
        for i in range(len(gas)):
            tank += gas[i] - cost[i]
            if tank < 0:
                start = i + 1
                tank = 0
        return start if start < len(gas) else -1
