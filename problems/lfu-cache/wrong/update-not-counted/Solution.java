class LFUCache {
    private static final class Entry {
        int value, count = 1;
        Entry(int value) { this.value = value; }
    }

    private final int capacity;
    private final Map<Integer, Entry> entries = new HashMap<>();
    // count -> keys with that count, oldest use first
    private final Map<Integer, LinkedHashSet<Integer>> buckets = new HashMap<>();
    private int minCount = 0;

    public LFUCache(int capacity) {
        this.capacity = capacity;
    }
    
    public int get(int key) {
        Entry e = entries.get(key);
        if (e == null) return -1;
        touch(key, e);
        return e.value;
    }
    
    public void put(int key, int value) {
        Entry e = entries.get(key);
        if (e != null) {
            e.value = value;
            return;
        }
        if (entries.size() == capacity) {
            LinkedHashSet<Integer> bucket = buckets.get(minCount);
            int old = bucket.iterator().next();
            bucket.remove(old);
            if (bucket.isEmpty()) buckets.remove(minCount);
            entries.remove(old);
        }
        entries.put(key, new Entry(value));
        buckets.computeIfAbsent(1, c -> new LinkedHashSet<>()).add(key);
        minCount = 1;
    }

    private void touch(int key, Entry e) {
        LinkedHashSet<Integer> bucket = buckets.get(e.count);
        bucket.remove(key);
        if (bucket.isEmpty()) {
            buckets.remove(e.count);
            if (minCount == e.count) minCount++;
        }
        e.count++;
        buckets.computeIfAbsent(e.count, c -> new LinkedHashSet<>()).add(key);
    }
}
