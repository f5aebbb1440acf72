class Solution {
    public ListNode removeNthFromEnd(ListNode head, int n) {
        ListNode lead = head, trail = head;
        for (int i = 0; i < n; i++) lead = lead.next;
        while (lead.next != null) {
            lead = lead.next;
            trail = trail.next;
        }
        trail.next = trail.next.next;
        return head;
    }
}
