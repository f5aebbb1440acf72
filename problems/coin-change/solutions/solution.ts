function coinChange(coins: number[], amount: number): number {
    const unreachable = amount + 1; // more coins than any real answer needs
    const best: number[] = new Array(amount + 1).fill(unreachable);
    best[0] = 0;
    for (let a = 1; a <= amount; a++) {
        for (const c of coins) {
            if (c <= a && best[a - c] + 1 < best[a]) {
                best[a] = best[a - c] + 1;
            }
        }
    }
    return best[amount] === unreachable ? -1 : best[amount];
}
