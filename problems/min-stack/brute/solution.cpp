class MinStack {
    vector<int> items;
public:
    MinStack() {
        
    }
    
    void push(int val) {
        items.push_back(val);
    }
    
    void pop() {
        items.pop_back();
    }
    
    int top() {
        return items.back();
    }
    
    int getMin() {
        return *min_element(items.begin(), items.end());
    }
};
