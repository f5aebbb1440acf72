/**
 * @param {number} numCourses
 * @param {number[][]} prerequisites
 * @return {number[]}
 */
function findOrder(numCourses, prerequisites) {
    // Brute force: every round rescans the whole list of pairs to find the
    // courses still waiting for an untaken requirement, then takes all the
    // others. A chain of n courses takes n rounds: O(n * (n + p)).
    const taken = new Uint8Array(numCourses);
    const order = [];
    while (order.length < numCourses) {
        const blocked = new Uint8Array(numCourses);
        for (const [a, b] of prerequisites) {
            if (!taken[b]) blocked[a] = 1;
        }
        let progress = false;
        for (let c = 0; c < numCourses; c++) {
            if (!taken[c] && !blocked[c]) {
                taken[c] = 1;
                order.push(c);
                progress = true;
            }
        }
        if (!progress) return [];
    }
    return order;
}
