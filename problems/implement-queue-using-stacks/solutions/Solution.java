class MyQueue {
    private final Deque<Integer> incoming = new ArrayDeque<>();
    private final Deque<Integer> outgoing = new ArrayDeque<>();

    public MyQueue() {
        
    }
    
    public void push(int x) {
        incoming.push(x);
    }
    
    public int pop() {
        peek();
        return outgoing.pop();
    }
    
    public int peek() {
        if (outgoing.isEmpty()) {
            while (!incoming.isEmpty()) outgoing.push(incoming.pop());
        }
        return outgoing.peek();
    }
    
    public boolean empty() {
        return incoming.isEmpty() && outgoing.isEmpty();
    }
}
