function topKFrequent(nums: number[], k: number): number[] {
    // Brute force: count each distinct value by scanning the whole array
    // again, O(n * d), then sort by count.
    const distinct: number[] = [];
    for (const x of nums) {
        if (!distinct.includes(x)) distinct.push(x);
    }
    const counted = distinct.map((value): [number, number] => {
        let count = 0;
        for (const x of nums) {
            if (x === value) count++;
        }
        return [count, value];
    });
    counted.sort((a, b) => b[0] - a[0]);
    return counted.slice(0, k).map((c) => c[1]);
}
