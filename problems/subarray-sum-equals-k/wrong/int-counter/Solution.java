class Solution {
    public long subarraySum(int[] nums, int k) {
        // Wrong: a 32-bit counter overflows when the count passes 2^31 - 1.
        Map<Integer, Integer> count = new HashMap<>();
        count.put(0, 1);
        int prefix = 0;
        int answer = 0;
        for (int x : nums) {
            prefix += x;
            answer += count.getOrDefault(prefix - k, 0);
            count.merge(prefix, 1, Integer::sum);
        }
        return answer;
    }
}
