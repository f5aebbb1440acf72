function totalNQueens(n: number): number {
    const full = (1 << n) - 1;
    const place = (cols: number, d1: number, d2: number): number => {
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
