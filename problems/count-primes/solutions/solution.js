/**
 * @param {number} n
 * @return {number}
 */
function countPrimes(n) {
    if (n < 3) return 0;
    const composite = new Uint8Array(n); // composite[k] = 1 once k is crossed out
    let count = 0;
    for (let i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        for (let j = i * i; j < n; j += i) {
            composite[j] = 1;
        }
    }
    return count;
}
