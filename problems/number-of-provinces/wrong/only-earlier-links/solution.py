class Solution:
    def findCircleNum(self, isConnected: List[List[int]]) -> int:
        # Mistake: a city starts a new province when it has no link to an
        # earlier city, ignoring chains that run through later cities.
        n = len(isConnected)
        return sum(1 for i in range(n) if not any(isConnected[i][j] for j in range(i)))
