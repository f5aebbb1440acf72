class Solution {
    public ListNode addTwoNumbers(ListNode l1, ListNode l2) {
        long a = 0, b = 0, p = 1;
        for (ListNode n = l1; n != null; n = n.next, p *= 10) a += n.val * p;
        p = 1;
        for (ListNode n = l2; n != null; n = n.next, p *= 10) b += n.val * p;
        long s = a + b;
        ListNode dummy = new ListNode();
        ListNode tail = dummy;
        do {
            tail.next = new ListNode((int) (s % 10));
            tail = tail.next;
            s /= 10;
        } while (s > 0);
        return dummy.next;
    }
}
