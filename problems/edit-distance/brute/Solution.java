class Solution {
    public int minDistance(String word1, String word2) {
        // Brute force: try all three operations recursively, without
        // remembering results. Exponential in the lengths of the words.
        return dist(word1, word2, 0, 0);
    }

    private int dist(String a, String b, int i, int j) {
        if (i == a.length()) {
            return b.length() - j;
        }
        if (j == b.length()) {
            return a.length() - i;
        }
        if (a.charAt(i) == b.charAt(j)) {
            return dist(a, b, i + 1, j + 1);
        }
        return 1 + Math.min(dist(a, b, i + 1, j), Math.min(dist(a, b, i, j + 1), dist(a, b, i + 1, j + 1)));
    }
}
