/**
 * @param {string[]} tokens
 * @return {number}
 */
function evalRPN(tokens) {
    // Wrong: Math.floor rounds toward minus infinity, not toward zero.
    const stack = [];
    for (const t of tokens) {
        if (t === "+" || t === "-" || t === "*" || t === "/") {
            const b = stack.pop();
            const a = stack.pop();
            if (t === "+") stack.push(a + b);
            else if (t === "-") stack.push(a - b);
            else if (t === "*") stack.push(a * b);
            else stack.push(Math.floor(a / b));
        } else {
            stack.push(Number(t));
        }
    }
    return stack[stack.length - 1];
}
