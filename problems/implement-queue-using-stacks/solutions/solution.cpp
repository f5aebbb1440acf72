class MyQueue {
    stack<int> in, out;
public:
    MyQueue() {
        
    }
    
    void push(int x) {
        in.push(x);
    }
    
    int pop() {
        int x = peek();
        out.pop();
        return x;
    }
    
    int peek() {
        if (out.empty()) {
            while (!in.empty()) { out.push(in.top()); in.pop(); }
        }
        return out.top();
    }
    
    bool empty() {
        return in.empty() && out.empty();
    }
};
