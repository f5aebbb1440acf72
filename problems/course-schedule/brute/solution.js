/**
 * @param {number} numCourses
 * @param {number[][]} prerequisites
 * @return {boolean}
 */
function canFinish(numCourses, prerequisites) {
    // Brute force: from every course, DFS along requirements keeping only the
    // current path; finished courses are not remembered, so shared parts of
    // the graph are walked again for every path that reaches them.
    const needs = Array.from({ length: numCourses }, () => []);
    for (const [a, b] of prerequisites) needs[a].push(b);
    const onPath = new Uint8Array(numCourses);
    const cycle = (c) => {
        if (onPath[c]) return true;
        onPath[c] = 1;
        for (const b of needs[c]) {
            if (cycle(b)) return true;
        }
        onPath[c] = 0;
        return false;
    };
    for (let c = 0; c < numCourses; c++) {
        if (cycle(c)) return false;
    }
    return true;
}
