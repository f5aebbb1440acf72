class MinStack {
    constructor() {
        this.items = [];
        this.min = Infinity;
    }

    /**
     * @param {number} val
     * @return {void}
     */
    push(val) {
        this.items.push(val);
        if (val < this.min) this.min = val;
    }

    /**
     * @return {void}
     */
    pop() {
        this.items.pop();
        if (this.items.length === 0) this.min = Infinity;
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
        return this.min;
    }
}
