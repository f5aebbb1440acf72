function threeSum(nums: number[]): number[][] {
    const a = [...nums].sort((x, y) => x - y);
    const n = a.length;
    const result: number[][] = [];
    for (let i = 0; i < n - 2; i++) {
        if (a[i] > 0) break;
        if (i > 0 && a[i] === a[i - 1]) continue;
        let lo = i + 1;
        let hi = n - 1;
        while (lo < hi) {
            const s = a[i] + a[lo] + a[hi];
            if (s < 0) {
                lo++;
            } else if (s > 0) {
                hi--;
            } else {
                result.push([a[i], a[lo], a[hi]]);
                const b = a[lo];
                const c = a[hi];
                while (lo < hi && a[lo] === b) lo++;
                while (lo < hi && a[hi] === c) hi--;
            }
        }
    }
    return result;
}
