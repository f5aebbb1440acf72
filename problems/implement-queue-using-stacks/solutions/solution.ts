class MyQueue {
    private incoming: number[] = [];
    private outgoing: number[] = [];

    constructor() {
        
    }

    push(x: number): void {
        this.incoming.push(x);
    }

    pop(): number {
        this.peek();
        return this.outgoing.pop() as number;
    }

    peek(): number {
        if (this.outgoing.length === 0) {
            while (this.incoming.length > 0) this.outgoing.push(this.incoming.pop() as number);
        }
        return this.outgoing[this.outgoing.length - 1];
    }

    empty(): boolean {
        return this.incoming.length === 0 && this.outgoing.length === 0;
    }
}
