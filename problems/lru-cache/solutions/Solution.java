class LRUCache {
    private static final class Node {
        int key, value;
        Node prev, next;
        Node(int key, int value) { this.key = key; this.value = value; }
    }

    private final int capacity;
    private final Map<Integer, Node> nodes = new HashMap<>();
    private final Node head = new Node(0, 0), tail = new Node(0, 0);

    public LRUCache(int capacity) {
        this.capacity = capacity;
        head.next = tail;
        tail.prev = head;
    }
    
    public int get(int key) {
        Node n = nodes.get(key);
        if (n == null) return -1;
        unlink(n);
        pushFront(n);
        return n.value;
    }
    
    public void put(int key, int value) {
        Node n = nodes.get(key);
        if (n != null) {
            n.value = value;
            unlink(n);
            pushFront(n);
            return;
        }
        n = new Node(key, value);
        nodes.put(key, n);
        pushFront(n);
        if (nodes.size() > capacity) {
            Node old = tail.prev;
            unlink(old);
            nodes.remove(old.key);
        }
    }

    private void unlink(Node n) {
        n.prev.next = n.next;
        n.next.prev = n.prev;
    }

    private void pushFront(Node n) {
        n.next = head.next;
        n.prev = head;
        head.next.prev = n;
        head.next = n;
    }
}
