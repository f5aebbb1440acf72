class Solution {
public:
    ListNode* reverseList(ListNode* head) {
        // Repeatedly walk to the last node and append it to a new list: O(n^2).
        ListNode* newHead = nullptr;
        ListNode* tail = nullptr;
        while (head) {
            ListNode* prev = nullptr;
            ListNode* node = head;
            while (node->next) {
                prev = node;
                node = node->next;
            }
            if (prev) {
                prev->next = nullptr;
            } else {
                head = nullptr;
            }
            if (tail) {
                tail->next = node;
            } else {
                newHead = node;
            }
            tail = node;
        }
        return newHead;
    }
};
