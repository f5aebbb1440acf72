class MinStack {
    constructor() {
        this.items = [];
        this.mins = [];
    }

    /**
     * @param {number} val
     * @return {void}
     */
    push(val) {
        this.items.push(val);
        const n = this.mins.length;
        this.mins.push(n === 0 || val < this.mins[n - 1] ? val : this.mins[n - 1]);
    }

    /**
     * @return {void}
     */
    pop() {
        this.items.pop();
        this.mins.pop();
    }

    /**
     * @return {number}
     */
    top() {
        return this.items[this.items.length - 1];
    }

    /**
     * @return {number}
     */
    getMin() {
        return this.mins[this.mins.length - 1];
    }
}
