class Solution {
    public int[][] subsets(int[] nums) {
        int[] sorted = nums.clone();
        Arrays.sort(sorted);
        List<int[]> result = new ArrayList<>();
        result.add(new int[0]);
        for (int x : sorted) {
            int count = result.size();
            for (int i = 0; i < count; i++) {
                int[] old = result.get(i);
                int[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = x;
                result.add(grown);
            }
        }
        return result.toArray(new int[0][]);
    }
}
