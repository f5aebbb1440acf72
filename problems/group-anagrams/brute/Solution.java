class Solution {
    public List<List<String>> groupAnagrams(String[] strs) {
        // Brute force: compare each word with the first word of every group
        // found so far. O(n * groups * k), quadratic when groups are many.
        List<List<String>> groups = new ArrayList<>();
        for (String word : strs) {
            List<String> found = null;
            for (List<String> group : groups) {
                if (isAnagram(group.get(0), word)) {
                    found = group;
                    break;
                }
            }
            if (found == null) {
                found = new ArrayList<>();
                groups.add(found);
            }
            found.add(word);
        }
        return groups;
    }

    private boolean isAnagram(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int[] count = new int[26];
        for (int i = 0; i < a.length(); i++) {
            count[a.charAt(i) - 'a']++;
            count[b.charAt(i) - 'a']--;
        }
        for (int c : count) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }
}
