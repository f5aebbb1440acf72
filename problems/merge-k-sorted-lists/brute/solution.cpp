class Solution {
public:
    ListNode* mergeKLists(vector<ListNode*>& lists) {
        // Merge the lists one at a time into the result: O(N k).
        ListNode* result = nullptr;
        for (ListNode* b : lists) {
            ListNode* a = result;
            ListNode dummy;
            ListNode* tail = &dummy;
            while (a && b) {
                if (a->val <= b->val) {
                    tail->next = a;
                    a = a->next;
                } else {
                    tail->next = b;
                    b = b->next;
                }
                tail = tail->next;
            }
            tail->next = a ? a : b;
            result = dummy.next;
        }
        return result;
    }
};
