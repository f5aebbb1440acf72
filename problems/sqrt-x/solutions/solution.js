/**
 * @param {number} x
 * @return {number}
 */
function mySqrt(x) {
    let lo = 0, hi = Math.min(x, 46340);
    while (lo < hi) {
        const mid = lo + Math.floor((hi - lo + 1) / 2);
        if (mid * mid <= x) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    return lo;
}
