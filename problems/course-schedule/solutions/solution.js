/**
 * @param {number} numCourses
 * @param {number[][]} prerequisites
 * @return {boolean}
 */
function canFinish(numCourses, prerequisites) {
    const out = Array.from({ length: numCourses }, () => []);
    const indeg = new Int32Array(numCourses);
    for (const [a, b] of prerequisites) {
        out[b].push(a);
        indeg[a]++;
    }
    const queue = [];
    for (let c = 0; c < numCourses; c++) if (indeg[c] === 0) queue.push(c);
    for (let head = 0; head < queue.length; head++) {
        for (const a of out[queue[head]]) {
            if (--indeg[a] === 0) queue.push(a);
        }
    }
    return queue.length === numCourses;
}
