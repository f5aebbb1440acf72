class Solution:
    def findOrder(self, numCourses: int, prerequisites: List[List[int]]) -> List[int]:
        # Brute force: every round rescans the whole list of pairs to find the
        # courses still waiting for an untaken requirement, then takes all the
        # others. A chain of n courses takes n rounds: O(n * (n + p)).
        taken = [False] * numCourses
        order = []
        while len(order) < numCourses:
            blocked = [False] * numCourses
            for a, b in prerequisites:
                if not taken[b]:
                    blocked[a] = True
            progress = False
            for c in range(numCourses):
                if not taken[c] and not blocked[c]:
                    taken[c] = True
                    order.append(c)
                    progress = True
            if not progress:
                return []
        return order
