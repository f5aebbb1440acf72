class MyQueue {
    constructor() {
        this.items = []; // the front of the queue on top
        this.spare = [];
    }

    /**
     * @param {number} x
     * @return {void}
     */
    push(x) {
        while (this.items.length > 0) this.spare.push(this.items.pop());
        this.items.push(x);
        while (this.spare.length > 0) this.items.push(this.spare.pop());
    }

    /**
     * @return {number}
     */
    pop() {
        return this.items.pop();
    }

    /**
     * @return {number}
     */
    peek() {
        return this.items[this.items.length - 1];
    }

    /**
     * @return {boolean}
     */
    empty() {
        return this.items.length === 0;
    }
}
