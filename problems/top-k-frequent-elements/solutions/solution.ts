function topKFrequent(nums: number[], k: number): number[] {
    const counts = new Map<number, number>();
    for (const x of nums) {
        counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    // A count is between 1 and n, so bucket the values by count instead of
    // sorting them.
    const buckets: number[][] = Array.from({ length: nums.length + 1 }, () => []);
    for (const [value, count] of counts) {
        buckets[count].push(value);
    }
    const result: number[] = [];
    for (let count = nums.length; count > 0 && result.length < k; count--) {
        for (const value of buckets[count]) {
            result.push(value);
            if (result.length === k) {
                break;
            }
        }
    }
    return result;
}
