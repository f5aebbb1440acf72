class LRUCache {
    private final int capacity;
    private final LinkedHashMap<Integer, Integer> entries = new LinkedHashMap<>(16, 0.75f, true);

    public LRUCache(int capacity) {
        this.capacity = capacity;
    }
    
    public int get(int key) {
        return entries.getOrDefault(key, -1);
    }
    
    public void put(int key, int value) {
        if (entries.size() == capacity) {
            Integer eldest = entries.keySet().iterator().next();
            entries.remove(eldest);
        }
        entries.put(key, value);
    }
}
