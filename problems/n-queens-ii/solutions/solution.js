/**
 * @param {number} n
 * @return {number}
 */
function totalNQueens(n) {
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
