/**
 * @param {number[]} tickets
 * @param {number} k
 * @return {number}
 */
function timeRequiredToBuy(tickets, k) {
    // Brute force: simulate the line, one ticket per second.
    const left = tickets.slice();
    let seconds = 0;
    for (;;) {
        for (let i = 0; i < left.length; i++) {
            if (left[i] === 0) continue;
            left[i]--;
            seconds++;
            if (i === k && left[i] === 0) return seconds;
        }
    }
}
