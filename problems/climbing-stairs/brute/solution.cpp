class Solution {
public:
    int climbStairs(int n) {
        // Plain recursion on the last move, without memory: about 1.6^n calls.
        if (n <= 2) {
            return n;
        }
        return climbStairs(n - 1) + climbStairs(n - 2);
    }
};
