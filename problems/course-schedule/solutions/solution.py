class Solution:
    def canFinish(self, numCourses: int, prerequisites: List[List[int]]) -> bool:
        out = [[] for _ in range(numCourses)]
        indeg = [0] * numCourses
        for a, b in prerequisites:
            out[b].append(a)
            indeg[a] += 1
        queue = [c for c in range(numCourses) if indeg[c] == 0]
        for course in queue:  # the list grows while we walk it
            for a in out[course]:
                indeg[a] -= 1
                if indeg[a] == 0:
                    queue.append(a)
        return len(queue) == numCourses
