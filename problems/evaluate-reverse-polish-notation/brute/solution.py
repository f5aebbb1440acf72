class Solution:
    def evalRPN(self, tokens: List[str]) -> int:
        # Brute force: find the first operator, replace it and its two
        # operands by the result, and start over. O(n^2).
        items = list(tokens)
        while len(items) > 1:
            i = 0
            while items[i] not in ("+", "-", "*", "/"):
                i += 1
            a, b, op = int(items[i - 2]), int(items[i - 1]), items[i]
            if op == "+":
                v = a + b
            elif op == "-":
                v = a - b
            elif op == "*":
                v = a * b
            else:
                v = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
            items[i - 2:i + 1] = [str(v)]
        return int(items[0])
