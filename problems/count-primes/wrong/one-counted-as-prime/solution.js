/**
 * @param {number} n
 * @return {number}
 */
function countPrimes(n) {
    // Wrong: only 0 is struck out before counting, so 1 is counted as a prime.
    if (n < 2) return 0;
    const isPrime = new Array(n).fill(true);
    isPrime[0] = false;
    for (let i = 2; i * i < n; i++) {
        if (!isPrime[i]) continue;
        for (let j = i * i; j < n; j += i) {
            isPrime[j] = false;
        }
    }
    let count = 0;
    for (let k = 0; k < n; k++) {
        if (isPrime[k]) count++;
    }
    return count;
}
