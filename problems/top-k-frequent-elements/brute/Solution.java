class Solution {
    public int[] topKFrequent(int[] nums, int k) {
        // Brute force: count each distinct value by scanning the whole array
        // again, O(n * d), then sort by count.
        List<Integer> distinct = new ArrayList<>();
        for (int x : nums) {
            if (!distinct.contains(x)) {
                distinct.add(x);
            }
        }
        List<int[]> counted = new ArrayList<>(); // {count, value}
        for (int value : distinct) {
            int count = 0;
            for (int x : nums) {
                if (x == value) {
                    count++;
                }
            }
            counted.add(new int[]{count, value});
        }
        counted.sort((a, b) -> b[0] - a[0]);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = counted.get(i)[1];
        }
        return out;
    }
}
