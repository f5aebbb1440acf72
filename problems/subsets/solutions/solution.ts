function subsets(nums: number[]): number[][] {
    const sorted = [...nums].sort((a, b) => a - b);
    const result: number[][] = [[]];
    for (const x of sorted) {
        const count = result.length;
        for (let i = 0; i < count; i++) result.push([...result[i], x]);
    }
    return result;
}
