class MyQueue {
    constructor() {
        this.incoming = [];
        this.outgoing = [];
    }

    /**
     * @param {number} x
     * @return {void}
     */
    push(x) {
        this.incoming.push(x);
    }

    /**
     * @return {number}
     */
    pop() {
        this.peek();
        return this.outgoing.pop();
    }

    /**
     * @return {number}
     */
    peek() {
        if (this.outgoing.length === 0) {
            while (this.incoming.length > 0) this.outgoing.push(this.incoming.pop());
        }
        return this.outgoing[this.outgoing.length - 1];
    }

    /**
     * @return {boolean}
     */
    empty() {
        return this.incoming.length === 0 && this.outgoing.length === 0;
    }
}
