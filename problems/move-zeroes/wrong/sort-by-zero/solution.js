/**
 * @param {number[]} nums
 * @return {number[]}
 */
function moveZeroes(nums) {
    // Wrong: the comparator treats any value as "less" than a zero but
    // also sorts the non-zero values, so their order is lost.
    return nums.sort((a, b) => {
        if (a === 0) return 1;
        if (b === 0) return -1;
        return a - b;
    });
}
