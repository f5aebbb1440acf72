class TimeMap {
    private final Map<String, TreeMap<Integer, String>> versions = new HashMap<>();

    public TimeMap() {
        
    }
    
    public void set(String key, String value, int timestamp) {
        versions.computeIfAbsent(key, k -> new TreeMap<>()).put(timestamp, value);
    }
    
    public String get(String key, int timestamp) {
        TreeMap<Integer, String> v = versions.get(key);
        if (v == null) return "";
        Map.Entry<Integer, String> e = v.floorEntry(timestamp);
        return e == null ? "" : e.getValue();
    }
}
