class LFUCache {
    private capacity: number;
    private entries = new Map<number, { value: number; count: number }>();
    private buckets = new Map<number, Set<number>>(); // count -> keys, oldest use first
    private minCount = 0;

    constructor(capacity: number) {
        this.capacity = capacity;
    }

    private touch(key: number, entry: { value: number; count: number }): void {
        const bucket = this.buckets.get(entry.count)!;
        bucket.delete(key);
        if (bucket.size === 0) {
            this.buckets.delete(entry.count);
            if (this.minCount === entry.count) this.minCount++;
        }
        entry.count++;
        this.addToBucket(key, entry.count);
    }

    private addToBucket(key: number, count: number): void {
        let bucket = this.buckets.get(count);
        if (bucket === undefined) {
            bucket = new Set<number>();
            this.buckets.set(count, bucket);
        }
        bucket.add(key);
    }

    get(key: number): number {
        const entry = this.entries.get(key);
        if (entry === undefined) return -1;
        this.touch(key, entry);
        return entry.value;
    }

    put(key: number, value: number): void {
        const entry = this.entries.get(key);
        if (entry !== undefined) {
            entry.value = value;
            this.touch(key, entry);
            return;
        }
        if (this.entries.size === this.capacity) {
            const bucket = this.buckets.get(this.minCount)!;
            const old = bucket.values().next().value as number;
            bucket.delete(old);
            if (bucket.size === 0) this.buckets.delete(this.minCount);
            this.entries.delete(old);
        }
        this.entries.set(key, { value, count: 1 });
        this.addToBucket(key, 1);
        this.minCount = 1;
    }
}
