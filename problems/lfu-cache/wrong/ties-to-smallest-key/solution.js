class LFUCache {
    /**
     * @param {number} capacity
     */
    constructor(capacity) {
        this.capacity = capacity;
        this.values = new Map();
        this.counts = new Map();
    }

    /**
     * @param {number} key
     * @return {number}
     */
    get(key) {
        if (!this.values.has(key)) return -1;
        this.counts.set(key, this.counts.get(key) + 1);
        return this.values.get(key);
    }

    /**
     * @param {number} key
     * @param {number} value
     * @return {void}
     */
    put(key, value) {
        if (this.values.has(key)) {
            this.values.set(key, value);
            this.counts.set(key, this.counts.get(key) + 1);
            return;
        }
        if (this.values.size === this.capacity) {
            let victim = -1;
            for (const [k, c] of this.counts) {
                if (victim === -1 || c < this.counts.get(victim) || (c === this.counts.get(victim) && k < victim)) {
                    victim = k;
                }
            }
            this.values.delete(victim);
            this.counts.delete(victim);
        }
        this.values.set(key, value);
        this.counts.set(key, 1);
    }
}
