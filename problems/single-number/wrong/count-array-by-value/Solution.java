class Solution {
    public int singleNumber(int[] nums) {
        // Wrong: counts in an array indexed by the value itself, which fails
        // on negative values.
        int[] count = new int[30001];
        for (int v : nums) {
            count[v]++;
        }
        for (int v : nums) {
            if (count[v] == 1) {
                return v;
            }
        }
        return 0;
    }
}
