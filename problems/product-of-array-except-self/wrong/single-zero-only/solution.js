/**
 * @param {number[]} nums
 * @return {number[]}
 */
function productExceptSelf(nums) {
    // Wrong: handles one zero (its position gets the product of the rest)
    // but with two zeros the zero positions get a non-zero product too.
    let rest = 1;
    let zeros = 0;
    for (const x of nums) {
        if (x === 0) zeros++;
        else rest *= x;
    }
    if (zeros > 0) return nums.map((x) => (x === 0 ? rest : 0));
    return nums.map((x) => rest / x);
}
