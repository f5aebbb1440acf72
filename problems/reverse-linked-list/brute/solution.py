class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        # Repeatedly walk to the last node and append it to a new list: O(n^2).
        new_head = tail = None
        while head:
            prev, node = None, head
            while node.next:
                prev, node = node, node.next
            if prev:
                prev.next = None
            else:
                head = None
            if tail:
                tail.next = node
            else:
                new_head = node
            tail = node
        return new_head
