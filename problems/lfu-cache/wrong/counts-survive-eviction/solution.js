class LFUCache {
    /**
     * @param {number} capacity
     */
    constructor(capacity) {
        this.capacity = capacity;
        this.tick = 0;
        this.values = new Map();
        this.counts = new Map(); // every key ever put
        this.lastUse = new Map();
    }

    use(key) {
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        this.lastUse.set(key, this.tick++);
    }

    /**
     * @param {number} key
     * @return {number}
     */
    get(key) {
        const value = this.values.get(key);
        if (value === undefined) return -1;
        this.use(key);
        return value;
    }

    /**
     * @param {number} key
     * @param {number} value
     * @return {void}
     */
    put(key, value) {
        if (!this.values.has(key) && this.values.size === this.capacity) {
            let victim = -1;
            for (const k of this.values.keys()) {
                if (victim === -1) { victim = k; continue; }
                const c = this.counts.get(k), cv = this.counts.get(victim);
                if (c < cv || (c === cv && this.lastUse.get(k) < this.lastUse.get(victim))) victim = k;
            }
            this.values.delete(victim);
        }
        this.values.set(key, value);
        this.use(key);
    }
}
