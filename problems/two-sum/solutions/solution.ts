function twoSum(nums: number[], target: number): number[] {
    const seen = new Map<number, number>();
    for (let i = 0; i < nums.length; i++) {
        const want = target - nums[i];
        if (seen.has(want)) {
            return [seen.get(want)!, i];
        }
        seen.set(nums[i], i);
    }
    return [];
}
