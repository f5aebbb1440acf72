class Solution {
    public int[][] subsets(int[] nums) {
        int n = nums.length;
        int[] sorted = nums.clone();
        Arrays.sort(sorted);
        List<int[]> result = new ArrayList<>();
        // Mistake: stops one mask early, so the full set is missing.
        for (int mask = 0; mask < (1 << n) - 1; mask++) {
            int[] subset = new int[Integer.bitCount(mask)];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    subset[k++] = sorted[i];
                }
            }
            result.add(subset);
        }
        return result.toArray(new int[0][]);
    }
}
