/**
 * @param {number[]} nums
 * @return {number}
 */
function singleNumber(nums) {
    // Wrong: walks the sorted array one step at a time and returns the first
    // value that differs from its right neighbour — usually the second copy
    // of a pair.
    const a = [...nums].sort((x, y) => x - y);
    for (let i = 0; i + 1 < a.length; i++) {
        if (a[i] !== a[i + 1]) return a[i];
    }
    return a[a.length - 1];
}
