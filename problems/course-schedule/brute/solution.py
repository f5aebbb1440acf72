class Solution:
    def canFinish(self, numCourses: int, prerequisites: List[List[int]]) -> bool:
        # Brute force: from every course, DFS along requirements keeping only
        # the current path; finished courses are not remembered, so shared
        # parts of the graph are walked again for every path that reaches them.
        needs = [[] for _ in range(numCourses)]
        for a, b in prerequisites:
            needs[a].append(b)
        on_path = [False] * numCourses

        def cycle(c: int) -> bool:
            if on_path[c]:
                return True
            on_path[c] = True
            for b in needs[c]:
                if cycle(b):
                    return True
            on_path[c] = False
            return False

        return not any(cycle(c) for c in range(numCourses))
