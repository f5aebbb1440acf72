class MinStack {
    private final Deque<Integer> items = new ArrayDeque<>();
    private final Deque<Integer> mins = new ArrayDeque<>();

    public MinStack() {
        
    }
    
    public void push(int val) {
        items.push(val);
        if (mins.isEmpty() || val <= mins.peek()) mins.push(val);
    }
    
    public void pop() {
        if (items.pop() == mins.peek()) mins.pop();
    }
    
    public int top() {
        return items.peek();
    }
    
    public int getMin() {
        return mins.peek();
    }
}
