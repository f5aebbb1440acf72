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
        auto at = lower_bound(v.begin(), v.end(), timestamp,
            [](const pair<int, string>& p, int t) { return p.first < t; });
        if (at == v.end()) return v.back().second;
        return at->second;
    }
};
