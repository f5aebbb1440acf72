class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        prev = None
        while head:
            # Turn this node's link around, then step to what came after it.
            head.next, prev, head = prev, head, head.next
        return prev
