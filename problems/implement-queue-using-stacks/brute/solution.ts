class MyQueue {
    private items: number[] = []; // the front of the queue on top
    private spare: number[] = [];

    constructor() {
        
    }

    push(x: number): void {
        while (this.items.length > 0) this.spare.push(this.items.pop() as number);
        this.items.push(x);
        while (this.spare.length > 0) this.items.push(this.spare.pop() as number);
    }

    pop(): number {
        return this.items.pop() as number;
    }

    peek(): number {
        return this.items[this.items.length - 1];
    }

    empty(): boolean {
        return this.items.length === 0;
    }
}
