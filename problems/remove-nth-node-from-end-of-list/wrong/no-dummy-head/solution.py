class Solution:
    def removeNthFromEnd(self, head: Optional[ListNode], n: int) -> Optional[ListNode]:
        lead = trail = head
        for _ in range(n):
            lead = lead.next
        if lead is None:
            return None if head.next is None else head.next.next
        while lead.next:
            lead = lead.next
            trail = trail.next
        trail.next = trail.next.next
        return head
