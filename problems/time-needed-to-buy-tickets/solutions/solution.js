/**
 * @param {number[]} tickets
 * @param {number} k
 * @return {number}
 */
function timeRequiredToBuy(tickets, k) {
    const t = tickets[k];
    let total = 0;
    for (let i = 0; i < tickets.length; i++) {
        // People behind k miss k's last round.
        total += Math.min(tickets[i], i <= k ? t : t - 1);
    }
    return total;
}
