function subarraySum(nums: number[], k: number): number {
    const count = new Map<number, number>([[0, 1]]);
    let prefix = 0;
    let answer = 0;
    for (const x of nums) {
        prefix += x;
        answer += count.get(prefix - k) ?? 0;
        count.set(prefix, (count.get(prefix) ?? 0) + 1);
    }
    return answer;
}
