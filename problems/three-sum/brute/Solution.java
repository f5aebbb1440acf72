class Solution {
    public int[][] threeSum(int[] nums) {
        // Brute force: every triple of positions, deduplicated with a set.
        // O(n^3).
        int n = nums.length;
        Set<List<Integer>> found = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = j + 1; k < n; k++) {
                    if (nums[i] + nums[j] + nums[k] == 0) {
                        int[] t = {nums[i], nums[j], nums[k]};
                        Arrays.sort(t);
                        found.add(Arrays.asList(t[0], t[1], t[2]));
                    }
                }
            }
        }
        int[][] result = new int[found.size()][];
        int r = 0;
        for (List<Integer> t : found) {
            result[r++] = new int[]{t.get(0), t.get(1), t.get(2)};
        }
        return result;
    }
}
