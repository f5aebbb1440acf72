class Solution:
    def findOrder(self, numCourses: int, prerequisites: List[List[int]]) -> List[int]:
        out = [[] for _ in range(numCourses)]
        indeg = [0] * numCourses
        for a, b in prerequisites:
            out[b].append(a)
            indeg[a] += 1
        order = [c for c in range(numCourses) if indeg[c] == 0]
        for course in order:
            for a in out[course]:
                indeg[a] -= 1
                if indeg[a] == 0:
                    order.append(a)
        # Mistake: returns whatever was placed, even when a cycle stopped the
        # walk before every course.
        return order
