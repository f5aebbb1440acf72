/**
 * @param {number} n
 * @return {number}
 */
function totalNQueens(n) {
    // Mistake: "boards smaller than 4 have no solution" forgets n = 1.
    if (n < 4) return 0;
    const full = (1 << n) - 1;
    const place = (cols, d1, d2) => {
        if (cols === full) return 1;
        let count = 0;
        let free = full & ~(cols | d1 | d2);
        while (free !== 0) {
            const bit = free & -free;
            free ^= bit;
            count += place(cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1);
        }
        return count;
    };
    return place(0, 0, 0);
}
