class MinStack {
    private int[] items = new int[16];
    private int[] mins = new int[16];
    private int size = 0;

    public MinStack() {
        
    }
    
    public void push(int val) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
            mins = Arrays.copyOf(mins, size * 2);
        }
        mins[size] = size == 0 ? val : Math.min(val, mins[size - 1]);
        items[size++] = val;
    }
    
    public void pop() {
        size--;
    }
    
    public int top() {
        return items[size - 1];
    }
    
    public int getMin() {
        return mins[size - 1];
    }
}
