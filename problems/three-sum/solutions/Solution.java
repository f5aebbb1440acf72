class Solution {
    public int[][] threeSum(int[] nums) {
        int[] a = nums.clone();
        Arrays.sort(a);
        int n = a.length;
        List<int[]> result = new ArrayList<>();
        for (int i = 0; i < n - 2; i++) {
            if (a[i] > 0) {
                break;
            }
            if (i > 0 && a[i] == a[i - 1]) {
                continue;
            }
            int lo = i + 1, hi = n - 1;
            while (lo < hi) {
                int s = a[i] + a[lo] + a[hi];
                if (s < 0) {
                    lo++;
                } else if (s > 0) {
                    hi--;
                } else {
                    result.add(new int[]{a[i], a[lo], a[hi]});
                    int b = a[lo], c = a[hi];
                    while (lo < hi && a[lo] == b) {
                        lo++;
                    }
                    while (lo < hi && a[hi] == c) {
                        hi--;
                    }
                }
            }
        }
        return result.toArray(new int[0][]);
    }
}
