/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number[]}
 */
function topKFrequent(nums, k) {
    // Brute force: count each distinct value by scanning the whole array
    // again, O(n * d), then sort by count.
    const distinct = [];
    for (const x of nums) {
        if (!distinct.includes(x)) distinct.push(x);
    }
    const counted = distinct.map((value) => {
        let count = 0;
        for (const x of nums) {
            if (x === value) count++;
        }
        return [count, value];
    });
    counted.sort((a, b) => b[0] - a[0]);
    return counted.slice(0, k).map((c) => c[1]);
}
