class TimeMap {
    unordered_map<string, vector<pair<int, string>>> versions;
public:
    TimeMap() {
        
    }
    
    void set(string key, string value, int timestamp) {
        versions[key].emplace_back(timestamp, value);
    }
    
    string get(string key, int timestamp) {
        auto it = versions.find(key);
        if (it == versions.end()) return "";
        auto& v = it->second;
        auto later = upper_bound(v.begin(), v.end(), timestamp,
            [](int t, const pair<int, string>& p) { return t < p.first; });
        return later == v.begin() ? "" : prev(later)->second;
    }
};
