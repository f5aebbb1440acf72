class Solution {
    public int ladderLength(String beginWord, String endWord, String[] wordList) {
        if (!Arrays.asList(wordList).contains(endWord)) {
            return 0;
        }
        int len = beginWord.length();
        Map<String, List<String>> buckets = new HashMap<>();
        for (String word : wordList) {
            for (int i = 0; i < len; i++) {
                String key = word.substring(0, i) + '*' + word.substring(i + 1);
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(word);
            }
        }
        Set<String> seen = new HashSet<>();
        seen.add(beginWord);
        List<String> level = new ArrayList<>();
        level.add(beginWord);
        int length = 1;
        while (!level.isEmpty()) {
            length++;
            List<String> next = new ArrayList<>();
            for (String word : level) {
                for (int i = 0; i < len; i++) {
                    List<String> list = buckets.remove(word.substring(0, i) + '*' + word.substring(i + 1));
                    if (list == null) {
                        continue;
                    }
                    for (String other : list) {
                        if (other.equals(endWord)) {
                            return length;
                        }
                        if (seen.add(other)) {
                            next.add(other);
                        }
                    }
                }
            }
            level = next;
        }
        return 0;
    }
}
