/**
 * @param {number} numCourses
 * @param {number[][]} prerequisites
 * @return {boolean}
 */
function canFinish(numCourses, prerequisites) {
    // Mistake: only two courses that need each other are seen as a conflict.
    const seen = new Set();
    for (const [a, b] of prerequisites) {
        if (seen.has(b + "," + a)) return false;
        seen.add(a + "," + b);
    }
    return true;
}
