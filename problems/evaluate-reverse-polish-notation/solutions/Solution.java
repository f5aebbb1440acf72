class Solution {
    public int evalRPN(String[] tokens) {
        int[] stack = new int[tokens.length];
        int top = 0;
        for (String t : tokens) {
            if (t.equals("+") || t.equals("-") || t.equals("*") || t.equals("/")) {
                int b = stack[--top];
                int a = stack[--top];
                switch (t) {
                    case "+": stack[top++] = a + b; break;
                    case "-": stack[top++] = a - b; break;
                    case "*": stack[top++] = a * b; break;
                    default: stack[top++] = a / b; // Java's / truncates toward zero
                }
            } else {
                stack[top++] = Integer.parseInt(t);
            }
        }
        return stack[top - 1];
    }
}
