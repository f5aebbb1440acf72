/**
 * @param {number[]} nums
 * @param {number} k
 * @return {number}
 */
function subarraySum(nums, k) {
    // Wrong: the current prefix goes into the map before the lookup, so with
    // k = 0 every position also counts the empty subarray.
    const count = new Map([[0, 1]]);
    let prefix = 0;
    let answer = 0;
    for (const x of nums) {
        prefix += x;
        count.set(prefix, (count.get(prefix) ?? 0) + 1);
        answer += count.get(prefix - k) ?? 0;
    }
    return answer;
}
