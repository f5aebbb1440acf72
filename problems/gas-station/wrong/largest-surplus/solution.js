/**
 * @param {number[]} gas
 * @param {number[]} cost
 * @return {number}
 */
function canCompleteCircuit(gas, cost) {
    // Wrong: starts where gas[i] - cost[i] is largest, which need not be
    // the station that survives the whole circle.
    let total = 0;
    let best = 0;
    for (let i = 0; i < gas.length; i++) {
        total += gas[i] - cost[i];
        if (gas[i] - cost[i] > gas[best] - cost[best]) best = i;
    }
    return total >= 0 ? best : -1;
}
