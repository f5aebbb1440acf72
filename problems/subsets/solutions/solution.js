/**
 * @param {number[]} nums
 * @return {number[][]}
 */
function subsets(nums) {
    const sorted = [...nums].sort((a, b) => a - b);
    const result = [[]];
    for (const x of sorted) {
        const count = result.length;
        for (let i = 0; i < count; i++) result.push([...result[i], x]);
    }
    return result;
}
