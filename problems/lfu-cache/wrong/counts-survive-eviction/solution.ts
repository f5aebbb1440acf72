class LFUCache {
    private capacity: number;
    private tick = 0;
    private values = new Map<number, number>();
    private counts = new Map<number, number>(); // every key ever put
    private lastUse = new Map<number, number>();

    constructor(capacity: number) {
        this.capacity = capacity;
    }

    private use(key: number): void {
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        this.lastUse.set(key, this.tick++);
    }

    get(key: number): number {
        const value = this.values.get(key);
        if (value === undefined) return -1;
        this.use(key);
        return value;
    }

    put(key: number, value: number): void {
        if (!this.values.has(key) && this.values.size === this.capacity) {
            let victim = -1;
            for (const k of this.values.keys()) {
                if (victim === -1) { victim = k; continue; }
                const c = this.counts.get(k)!, cv = this.counts.get(victim)!;
                if (c < cv || (c === cv && this.lastUse.get(k)! < this.lastUse.get(victim)!)) victim = k;
            }
            this.values.delete(victim);
        }
        this.values.set(key, value);
        this.use(key);
    }
}
