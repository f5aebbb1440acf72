class Solution {
    public boolean isAnagram(String s, String t) {
        // Wrong: only fails when t needs a letter s does not have left; a t
        // shorter than s passes.
        int[] count = new int[26];
        for (int i = 0; i < s.length(); i++) {
            count[s.charAt(i) - 'a']++;
        }
        for (int i = 0; i < t.length(); i++) {
            if (--count[t.charAt(i) - 'a'] < 0) {
                return false;
            }
        }
        return true;
    }
}
