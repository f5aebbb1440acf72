class Solution {
    public boolean isValid(String s) {
        // Brute force: repeatedly find an adjacent matching pair and delete
        // it. Each deletion rescans from the start, so this is O(n^2).
        StringBuilder sb = new StringBuilder(s);
        boolean changed = true;
        while (changed && sb.length() > 0) {
            changed = false;
            for (int i = 0; i + 1 < sb.length(); i++) {
                char a = sb.charAt(i), b = sb.charAt(i + 1);
                if ((a == '(' && b == ')') || (a == '[' && b == ']') || (a == '{' && b == '}')) {
                    sb.delete(i, i + 2);
                    changed = true;
                    break;
                }
            }
        }
        return sb.length() == 0;
    }
}
