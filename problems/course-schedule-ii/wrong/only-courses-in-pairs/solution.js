/**
 * @param {number} numCourses
 * @param {number[][]} prerequisites
 * @return {number[]}
 */
function findOrder(numCourses, prerequisites) {
    // Mistake: the courses are collected from the pairs, so a course that
    // appears in none is never placed.
    const out = new Map();
    const indeg = new Map();
    for (const [a, b] of prerequisites) {
        if (!out.has(a)) out.set(a, []);
        if (!out.has(b)) out.set(b, []);
        out.get(b).push(a);
        indeg.set(a, (indeg.get(a) || 0) + 1);
        if (!indeg.has(b)) indeg.set(b, 0);
    }
    const order = [];
    for (const [c, d] of indeg) if (d === 0) order.push(c);
    for (let head = 0; head < order.length; head++) {
        for (const a of out.get(order[head])) {
            indeg.set(a, indeg.get(a) - 1);
            if (indeg.get(a) === 0) order.push(a);
        }
    }
    return order.length === indeg.size ? order : [];
}
