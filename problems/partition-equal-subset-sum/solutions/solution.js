/**
 * @param {number[]} nums
 * @return {boolean}
 */
function canPartition(nums) {
    let total = 0;
    for (const x of nums) total += x;
    if (total % 2 === 1) return false;
    const half = total / 2;
    const can = new Array(half + 1).fill(false); // can[s]: some subset of the numbers so far sums to s
    can[0] = true;
    for (const x of nums) {
        for (let s = half; s >= x; s--) { // downwards: each number used once
            if (can[s - x]) can[s] = true;
        }
    }
    return can[half];
}
