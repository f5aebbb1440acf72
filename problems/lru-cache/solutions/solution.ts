class LRUCache {
    private capacity: number;
    private entries = new Map<number, number>();

    constructor(capacity: number) {
        this.capacity = capacity;
    }

    get(key: number): number {
        const value = this.entries.get(key);
        if (value === undefined) return -1;
        this.entries.delete(key);
        this.entries.set(key, value);
        return value;
    }

    put(key: number, value: number): void {
        this.entries.delete(key);
        this.entries.set(key, value);
        if (this.entries.size > this.capacity) {
            this.entries.delete(this.entries.keys().next().value as number);
        }
    }
}
