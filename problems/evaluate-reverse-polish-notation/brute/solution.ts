function evalRPN(tokens: string[]): number {
    // Brute force: find the first operator, replace it and its two
    // operands by the result, and start over. O(n^2).
    const items = tokens.slice();
    const isOp = (t: string): boolean => t === "+" || t === "-" || t === "*" || t === "/";
    while (items.length > 1) {
        let i = 0;
        while (!isOp(items[i])) i++;
        const a = parseInt(items[i - 2], 10), b = parseInt(items[i - 1], 10), op = items[i];
        let v: number;
        if (op === "+") v = a + b;
        else if (op === "-") v = a - b;
        else if (op === "*") v = a * b;
        else v = Math.trunc(a / b);
        items.splice(i - 2, 3, String(v));
    }
    return parseInt(items[0], 10);
}
