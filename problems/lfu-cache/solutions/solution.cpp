class LFUCache {
    struct Entry {
        int value, count;
        list<int>::iterator pos; // this key's place in buckets[count]
    };
    int capacity, minCount = 0;
    unordered_map<int, Entry> entries;
    unordered_map<int, list<int>> buckets; // count -> keys, oldest use first

    void touch(int key, Entry& e) {
        list<int>& b = buckets[e.count];
        b.erase(e.pos);
        if (b.empty()) {
            buckets.erase(e.count);
            if (minCount == e.count) minCount++;
        }
        e.count++;
        list<int>& next = buckets[e.count];
        e.pos = next.insert(next.end(), key);
    }
public:
    LFUCache(int capacity) : capacity(capacity) {
        
    }
    
    int get(int key) {
        auto it = entries.find(key);
        if (it == entries.end()) return -1;
        touch(key, it->second);
        return it->second.value;
    }
    
    void put(int key, int value) {
        auto it = entries.find(key);
        if (it != entries.end()) {
            it->second.value = value;
            touch(key, it->second);
            return;
        }
        if ((int)entries.size() == capacity) {
            list<int>& b = buckets[minCount];
            int old = b.front();
            b.pop_front();
            if (b.empty()) buckets.erase(minCount);
            entries.erase(old);
        }
        list<int>& ones = buckets[1];
        entries[key] = Entry{value, 1, ones.insert(ones.end(), key)};
        minCount = 1;
    }
};
