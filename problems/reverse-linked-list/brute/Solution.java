class Solution {
    public ListNode reverseList(ListNode head) {
        // Repeatedly walk to the last node and append it to a new list: O(n^2).
        ListNode newHead = null, tail = null;
        while (head != null) {
            ListNode prev = null, node = head;
            while (node.next != null) {
                prev = node;
                node = node.next;
            }
            if (prev != null) {
                prev.next = null;
            } else {
                head = null;
            }
            if (tail != null) {
                tail.next = node;
            } else {
                newHead = node;
            }
            tail = node;
        }
        return newHead;
    }
}
