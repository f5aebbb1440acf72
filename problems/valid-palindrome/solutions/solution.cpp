class Solution {
public:
    bool isPalindrome(string s) {
        int left = 0;
        int right = (int) s.size() - 1;
        while (left < right) {
            // The cast keeps isalnum/tolower defined for every char value.
            unsigned char a = s[left];
            unsigned char b = s[right];
            if (!isalnum(a)) {
                left++;
            } else if (!isalnum(b)) {
                right--;
            } else if (tolower(a) != tolower(b)) {
                return false;
            } else {
                left++;
                right--;
            }
        }
        return true;
    }
};
