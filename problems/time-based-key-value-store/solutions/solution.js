class TimeMap {
    constructor() {
        this.versions = new Map();
    }

    /**
     * @param {string} key
     * @param {string} value
     * @param {number} timestamp
     * @return {void}
     */
    set(key, value, timestamp) {
        if (!this.versions.has(key)) this.versions.set(key, { times: [], values: [] });
        const v = this.versions.get(key);
        v.times.push(timestamp);
        v.values.push(value);
    }

    /**
     * @param {string} key
     * @param {number} timestamp
     * @return {string}
     */
    get(key, timestamp) {
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
