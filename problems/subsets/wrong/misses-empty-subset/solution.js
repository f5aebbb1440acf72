/**
 * @param {number[]} nums
 * @return {number[][]}
 */
function subsets(nums) {
    const sorted = [...nums].sort((a, b) => a - b);
    const result = [];
    // Mistake: starts from the one-element subsets; [] is never added.
    for (const x of sorted) {
        const count = result.length;
        for (let i = 0; i < count; i++) result.push([...result[i], x]);
        result.push([x]);
    }
    return result;
}
