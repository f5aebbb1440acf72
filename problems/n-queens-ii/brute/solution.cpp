class Solution {
public:
    int totalNQueens(int n) {
        // Brute force: every way to put one queen in each row (n^n boards),
        // checked only when the board is full.
        this->n = n;
        col.assign(n, 0);
        return fill(0);
    }

private:
    int n = 0;
    vector<int> col;

    bool valid() {
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (col[a] == col[b] || abs(col[a] - col[b]) == b - a) {
                    return false;
                }
            }
        }
        return true;
    }

    int fill(int row) {
        if (row == n) {
            return valid() ? 1 : 0;
        }
        int count = 0;
        for (int c = 0; c < n; c++) {
            col[row] = c;
            count += fill(row + 1);
        }
        return count;
    }
};
