class MinStack {
    private items: number[] = [];

    constructor() {
        
    }

    push(val: number): void {
        this.items.push(val);
    }

    pop(): void {
        this.items.pop();
    }

    top(): number {
        return this.items[this.items.length - 1];
    }

    getMin(): number {
        let m = this.items[0];
        for (const x of this.items) if (x < m) m = x;
        return m;
    }
}
