class Solution {
public:
    long long timeRequiredToBuy(vector<int>& tickets, int k) {
        // Brute force: simulate the line, one ticket per second.
        queue<int> line;
        vector<int> left = tickets;
        for (int i = 0; i < (int)left.size(); i++) {
            line.push(i);
        }
        long long seconds = 0;
        while (true) {
            int i = line.front();
            line.pop();
            left[i]--;
            seconds++;
            if (left[i] == 0) {
                if (i == k) {
                    return seconds;
                }
            } else {
                line.push(i);
            }
        }
    }
};
