class Solution {
    public int evalRPN(String[] tokens) {
        // Brute force: find the first operator, replace it and its two
        // operands by the result, and start over. O(n^2).
        List<String> items = new ArrayList<>(Arrays.asList(tokens));
        while (items.size() > 1) {
            int i = 0;
            while (!isOp(items.get(i))) {
                i++;
            }
            int a = Integer.parseInt(items.get(i - 2));
            int b = Integer.parseInt(items.get(i - 1));
            String op = items.get(i);
            int v;
            if (op.equals("+")) {
                v = a + b;
            } else if (op.equals("-")) {
                v = a - b;
            } else if (op.equals("*")) {
                v = a * b;
            } else {
                v = a / b;
            }
            items.remove(i);
            items.remove(i - 1);
            items.set(i - 2, Integer.toString(v));
        }
        return Integer.parseInt(items.get(0));
    }

    private boolean isOp(String t) {
        return t.equals("+") || t.equals("-") || t.equals("*") || t.equals("/");
    }
}
