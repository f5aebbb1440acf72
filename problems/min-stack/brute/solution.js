class MinStack {
    constructor() {
        this.items = [];
    }

    /**
     * @param {number} val
     * @return {void}
     */
    push(val) {
        this.items.push(val);
    }

    /**
     * @return {void}
     */
    pop() {
        this.items.pop();
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
        let m = this.items[0];
        for (const x of this.items) if (x < m) m = x;
        return m;
    }
}
