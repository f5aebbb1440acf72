function canFinish(numCourses: number, prerequisites: number[][]): boolean {
    const out: number[][] = Array.from({ length: numCourses }, () => []);
    const indeg = new Int32Array(numCourses);
    for (const [a, b] of prerequisites) {
        out[b].push(a);
        indeg[a]++;
    }
    const queue: number[] = [];
    for (let c = 0; c < numCourses; c++) if (indeg[c] === 0) queue.push(c);
    for (let head = 0; head < queue.length; head++) {
        for (const a of out[queue[head]]) {
            if (--indeg[a] === 0) queue.push(a);
        }
    }
    return queue.length === numCourses;
}
