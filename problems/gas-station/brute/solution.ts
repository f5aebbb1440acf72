function canCompleteCircuit(gas: number[], cost: number[]): number {
    // Brute force: simulate the trip from every start. O(n^2).
    const n = gas.length;
    for (let s = 0; s < n; s++) {
        let tank = 0;
        let ok = true;
        for (let k = 0; k < n; k++) {
            const j = (s + k) % n;
            tank += gas[j] - cost[j];
            if (tank < 0) {
                ok = false;
                break;
            }
        }
        if (ok) return s;
    }
    return -1;
}
