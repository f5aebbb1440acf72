function findOrder(numCourses: number, prerequisites: number[][]): number[] {
    const out: number[][] = Array.from({ length: numCourses }, () => []);
    const indeg = new Int32Array(numCourses);
    for (const [a, b] of prerequisites) {
        out[b].push(a);
        indeg[a]++;
    }
    const order: number[] = [];
    for (let c = 0; c < numCourses; c++) if (indeg[c] === 0) order.push(c);
    for (let head = 0; head < order.length; head++) {
        for (const a of out[order[head]]) {
            if (--indeg[a] === 0) order.push(a);
        }
    }
    return order.length === numCourses ? order : [];
}
