class MyQueue {
    stack<int> items, spare; // the front of the queue on top of items
public:
    MyQueue() {
        
    }
    
    void push(int x) {
        while (!items.empty()) { spare.push(items.top()); items.pop(); }
        items.push(x);
        while (!spare.empty()) { items.push(spare.top()); spare.pop(); }
    }
    
    int pop() {
        int x = items.top();
        items.pop();
        return x;
    }
    
    int peek() {
        return items.top();
    }
    
    bool empty() {
        return items.empty();
    }
};
