class Solution {
    public int ladderLength(String beginWord, String endWord, String[] wordList) {
        // Brute force: BFS that finds a word's neighbours by comparing it with
        // every word not yet reached.
        if (!Arrays.asList(wordList).contains(endWord)) {
            return 0;
        }
        List<String> rest = new ArrayList<>();
        for (String w : wordList) {
            if (!w.equals(beginWord)) {
                rest.add(w);
            }
        }
        List<String> level = new ArrayList<>();
        level.add(beginWord);
        for (int length = 2; !level.isEmpty(); length++) {
            List<String> next = new ArrayList<>();
            for (String word : level) {
                List<String> keep = new ArrayList<>();
                for (String other : rest) {
                    if (adjacent(word, other)) {
                        if (other.equals(endWord)) {
                            return length;
                        }
                        next.add(other);
                    } else {
                        keep.add(other);
                    }
                }
                rest = keep;
            }
            level = next;
        }
        return 0;
    }

    private boolean adjacent(String a, String b) {
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i) && ++diff > 1) {
                return false;
            }
        }
        return diff == 1;
    }
}
