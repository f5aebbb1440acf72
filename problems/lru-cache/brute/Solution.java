class LRUCache {
    private final int capacity;
    private final Map<Integer, Integer> values = new HashMap<>();
    private final List<Integer> order = new ArrayList<>(); // least recently used first

    public LRUCache(int capacity) {
        this.capacity = capacity;
    }
    
    public int get(int key) {
        if (!values.containsKey(key)) return -1;
        order.remove(Integer.valueOf(key));
        order.add(key);
        return values.get(key);
    }
    
    public void put(int key, int value) {
        if (values.containsKey(key)) {
            order.remove(Integer.valueOf(key));
        } else if (order.size() == capacity) {
            values.remove(order.remove(0));
        }
        order.add(key);
        values.put(key, value);
    }
}
