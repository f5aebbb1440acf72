class Solution:
    def canFinish(self, numCourses: int, prerequisites: List[List[int]]) -> bool:
        needs = [[] for _ in range(numCourses)]
        for a, b in prerequisites:
            needs[a].append(b)
        visited = [False] * numCourses

        # Mistake: one visited mark for everything, so meeting a course again
        # through a second path is taken for a cycle.
        def cycle(c: int) -> bool:
            if visited[c]:
                return True
            visited[c] = True
            return any(cycle(b) for b in needs[c])

        for c in range(numCourses):
            if not visited[c] and cycle(c):
                return False
        return True
