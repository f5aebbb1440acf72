function countPrimes(n: number): number {
    // Brute force: trial division of every k < n by 2, 3, ... up to
    // sqrt(k). O(n sqrt n).
    let count = 0;
    for (let k = 2; k < n; k++) {
        let prime = true;
        for (let d = 2; d * d <= k; d++) {
            if (k % d === 0) {
                prime = false;
                break;
            }
        }
        if (prime) count++;
    }
    return count;
}
