class TimeMap {
    private versions = new Map<string, { times: number[]; values: string[] }>();

    constructor() {
        
    }

    set(key: string, value: string, timestamp: number): void {
        let v = this.versions.get(key);
        if (!v) {
            v = { times: [], values: [] };
            this.versions.set(key, v);
        }
        v.times.push(timestamp);
        v.values.push(value);
    }

    get(key: string, timestamp: number): string {
        const v = this.versions.get(key);
        if (!v) return "";
        let lo = 0, hi = v.times.length; // first index with a later time
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (v.times[mid] <= timestamp) lo = mid + 1;
            else hi = mid;
        }
        return lo > 0 ? v.values[lo - 1] : "";
    }
}
