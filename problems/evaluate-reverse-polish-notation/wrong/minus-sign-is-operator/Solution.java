class Solution {
    public int evalRPN(String[] tokens) {
        // Wrong: looks only at the first character, so "-3" is taken for
        // the minus operator.
        Deque<Integer> stack = new ArrayDeque<>();
        for (String t : tokens) {
            char c = t.charAt(0);
            if (c == '+' || c == '-' || c == '*' || c == '/') {
                int b = stack.pop();
                int a = stack.pop();
                if (c == '+') stack.push(a + b);
                else if (c == '-') stack.push(a - b);
                else if (c == '*') stack.push(a * b);
                else stack.push(a / b);
            } else {
                stack.push(Integer.parseInt(t));
            }
        }
        return stack.peek();
    }
}
