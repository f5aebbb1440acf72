class Solution {
public:
    int minDistance(string word1, string word2) {
        // Brute force: try all three operations recursively, without
        // remembering results. Exponential in the lengths of the words.
        return dist(word1, word2, 0, 0);
    }

private:
    int dist(const string& a, const string& b, int i, int j) {
        if (i == (int)a.size()) {
            return b.size() - j;
        }
        if (j == (int)b.size()) {
            return a.size() - i;
        }
        if (a[i] == b[j]) {
            return dist(a, b, i + 1, j + 1);
        }
        return 1 + min({dist(a, b, i + 1, j), dist(a, b, i, j + 1), dist(a, b, i + 1, j + 1)});
    }
};
