class MinStack {
    private items: number[] = [];
    private mins: number[] = [];

    constructor() {
        
    }

    push(val: number): void {
        this.items.push(val);
        const n = this.mins.length;
        this.mins.push(n === 0 || val < this.mins[n - 1] ? val : this.mins[n - 1]);
    }

    pop(): void {
        this.items.pop();
        this.mins.pop();
    }

    top(): number {
        return this.items[this.items.length - 1];
    }

    getMin(): number {
        return this.mins[this.mins.length - 1];
    }
}
