class MinStack {
    vector<int> diffs;
    int mn = 0;
public:
    MinStack() {
        
    }
    
    void push(int val) {
        if (diffs.empty()) {
            diffs.push_back(0);
            mn = val;
        } else {
            diffs.push_back((int)((unsigned)val - (unsigned)mn));
            if (val < mn) mn = val;
        }
    }
    
    void pop() {
        int d = diffs.back();
        diffs.pop_back();
        if (d < 0) mn = (int)((unsigned)mn - (unsigned)d);
    }
    
    int top() {
        int d = diffs.back();
        return d < 0 ? mn : (int)((unsigned)mn + (unsigned)d);
    }
    
    int getMin() {
        return mn;
    }
};
