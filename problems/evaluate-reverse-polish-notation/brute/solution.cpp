class Solution {
public:
    int evalRPN(vector<string>& tokens) {
        // Brute force: find the first operator, replace it and its two
        // operands by the result, and start over. O(n^2).
        vector<string> items = tokens;
        auto isOp = [](const string& t) { return t == "+" || t == "-" || t == "*" || t == "/"; };
        while (items.size() > 1) {
            size_t i = 0;
            while (!isOp(items[i])) {
                i++;
            }
            int a = stoi(items[i - 2]), b = stoi(items[i - 1]);
            int v;
            if (items[i] == "+") v = a + b;
            else if (items[i] == "-") v = a - b;
            else if (items[i] == "*") v = a * b;
            else v = a / b;
            items[i - 2] = to_string(v);
            items.erase(items.begin() + i - 1, items.begin() + i + 1);
        }
        return stoi(items[0]);
    }
};
