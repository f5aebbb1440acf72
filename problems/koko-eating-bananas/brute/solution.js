/**
 * @param {number[]} piles
 * @param {number} h
 * @return {number}
 */
function minEatingSpeed(piles, h) {
    // Try every speed from 1 upwards: O(answer * n).
    for (let k = 1; ; k++) {
        let hours = 0;
        for (const p of piles) hours += Math.ceil(p / k);
        if (hours <= h) return k;
    }
}
