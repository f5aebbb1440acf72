class MyQueue {
    private final Deque<Integer> items = new ArrayDeque<>(); // the front of the queue on top
    private final Deque<Integer> spare = new ArrayDeque<>();

    public MyQueue() {
        
    }
    
    public void push(int x) {
        while (!items.isEmpty()) spare.push(items.pop());
        items.push(x);
        while (!spare.isEmpty()) items.push(spare.pop());
    }
    
    public int pop() {
        return items.pop();
    }
    
    public int peek() {
        return items.peek();
    }
    
    public boolean empty() {
        return items.isEmpty();
    }
}
