class LRUCache {
    int capacity;
    list<pair<int, int>> order; // most recent first
    unordered_map<int, list<pair<int, int>>::iterator> nodes;
public:
    LRUCache(int capacity) : capacity(capacity) {
        
    }
    
    int get(int key) {
        auto it = nodes.find(key);
        if (it == nodes.end()) return -1;
        order.splice(order.begin(), order, it->second);
        return it->second->second;
    }
    
    void put(int key, int value) {
        auto it = nodes.find(key);
        if (it != nodes.end()) {
            it->second->second = value;
            order.splice(order.begin(), order, it->second);
            return;
        }
        order.emplace_front(key, value);
        nodes[key] = order.begin();
        if ((int)nodes.size() > capacity) {
            nodes.erase(order.back().first);
            order.pop_back();
        }
    }
};
