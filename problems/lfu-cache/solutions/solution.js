class LFUCache {
    /**
     * @param {number} capacity
     */
    constructor(capacity) {
        this.capacity = capacity;
        this.entries = new Map(); // key -> {value, count}
        this.buckets = new Map(); // count -> Set of keys, oldest use first
        this.minCount = 0;
    }

    touch(key, entry) {
        const bucket = this.buckets.get(entry.count);
        bucket.delete(key);
        if (bucket.size === 0) {
            this.buckets.delete(entry.count);
            if (this.minCount === entry.count) this.minCount++;
        }
        entry.count++;
        this.addToBucket(key, entry.count);
    }

    addToBucket(key, count) {
        let bucket = this.buckets.get(count);
        if (bucket === undefined) {
            bucket = new Set();
            this.buckets.set(count, bucket);
        }
        bucket.add(key);
    }

    /**
     * @param {number} key
     * @return {number}
     */
    get(key) {
        const entry = this.entries.get(key);
        if (entry === undefined) return -1;
        this.touch(key, entry);
        return entry.value;
    }

    /**
     * @param {number} key
     * @param {number} value
     * @return {void}
     */
    put(key, value) {
        const entry = this.entries.get(key);
        if (entry !== undefined) {
            entry.value = value;
            this.touch(key, entry);
            return;
        }
        if (this.entries.size === this.capacity) {
            const bucket = this.buckets.get(this.minCount);
            const old = bucket.values().next().value;
            bucket.delete(old);
            if (bucket.size === 0) this.buckets.delete(this.minCount);
            this.entries.delete(old);
        }
        this.entries.set(key, { value, count: 1 });
        this.addToBucket(key, 1);
        this.minCount = 1;
    }
}
