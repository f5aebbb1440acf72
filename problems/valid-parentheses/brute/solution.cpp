class Solution {
public:
    bool isValid(string s) {
        // Brute force: repeatedly find an adjacent matching pair and delete
        // it. Each deletion rescans from the start, so this is O(n^2).
        bool changed = true;
        while (changed && !s.empty()) {
            changed = false;
            for (size_t i = 0; i + 1 < s.size(); i++) {
                char a = s[i], b = s[i + 1];
                if ((a == '(' && b == ')') || (a == '[' && b == ']') || (a == '{' && b == '}')) {
                    s.erase(i, 2);
                    changed = true;
                    break;
                }
            }
        }
        return s.empty();
    }
};
