class Solution {
    public int lengthOfLongestSubstring(String s) {
        int[] last = new int[128]; // char -> index last seen, -1 if never
        Arrays.fill(last, -1);
        int left = 0;
        int best = 0;
        for (int right = 0; right < s.length(); right++) {
            char c = s.charAt(right);
            // A repeat inside the window: restart just after its earlier copy.
            if (last[c] >= left) {
                left = last[c] + 1;
            }
            last[c] = right;
            best = Math.max(best, right - left + 1);
        }
        return best;
    }
}
