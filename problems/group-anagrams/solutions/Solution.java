class Solution {
    public String[][] groupAnagrams(String[] strs) {
        // Insertion order keeps the output stable; any order is accepted.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String word : strs) {
            // Anagrams share their sorted letters, so that is the group key.
            char[] letters = word.toCharArray();
            Arrays.sort(letters);
            groups.computeIfAbsent(new String(letters), k -> new ArrayList<>()).add(word);
        }
        String[][] result = new String[groups.size()][];
        int i = 0;
        for (List<String> group : groups.values()) {
            result[i++] = group.toArray(new String[0]);
        }
        return result;
    }
}
