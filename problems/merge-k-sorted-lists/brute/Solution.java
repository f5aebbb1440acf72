class Solution {
    public ListNode mergeKLists(ListNode[] lists) {
        // Merge the lists one at a time into the result: O(N k).
        ListNode result = null;
        for (ListNode list : lists) {
            ListNode dummy = new ListNode();
            ListNode tail = dummy, a = result, b = list;
            while (a != null && b != null) {
                if (a.val <= b.val) {
                    tail.next = a;
                    a = a.next;
                } else {
                    tail.next = b;
                    b = b.next;
                }
                tail = tail.next;
            }
            tail.next = a != null ? a : b;
            result = dummy.next;
        }
        return result;
    }
}
