class MinStack {
    private final Deque<Integer> diffs = new ArrayDeque<>();
    private int min;

    public MinStack() {
        
    }
    
    public void push(int val) {
        if (diffs.isEmpty()) {
            diffs.push(0);
            min = val;
        } else {
            diffs.push(val - min);
            if (val < min) min = val;
        }
    }
    
    public void pop() {
        int d = diffs.pop();
        if (d < 0) min = min - d;
    }
    
    public int top() {
        int d = diffs.peek();
        return d < 0 ? min : min + d;
    }
    
    public int getMin() {
        return min;
    }
}
