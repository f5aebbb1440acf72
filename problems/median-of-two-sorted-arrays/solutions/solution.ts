function findMedianSortedArrays(nums1: number[], nums2: number[]): number {
    // Binary search the cut in the shorter array; the cut in the other one
    // follows, because the left parts must hold half of all elements.
    const [a, b] = nums1.length <= nums2.length ? [nums1, nums2] : [nums2, nums1];
    const m = a.length;
    const n = b.length;
    const half = (m + n + 1) >> 1;
    let lo = 0;
    let hi = m;
    while (lo <= hi) {
        const i = (lo + hi) >> 1;
        const j = half - i;
        const aLeft = i > 0 ? a[i - 1] : -Infinity;
        const aRight = i < m ? a[i] : Infinity;
        const bLeft = j > 0 ? b[j - 1] : -Infinity;
        const bRight = j < n ? b[j] : Infinity;
        if (aLeft > bRight) {
            hi = i - 1;
        } else if (bLeft > aRight) {
            lo = i + 1;
        } else {
            const leftMax = Math.max(aLeft, bLeft);
            if ((m + n) % 2 === 1) {
                return leftMax;
            }
            return (leftMax + Math.min(aRight, bRight)) / 2;
        }
    }
    throw new Error('inputs are not sorted');
}
