function reverseList(head: ListNode | null): ListNode | null {
    // Repeatedly walk to the last node and append it to a new list: O(n^2).
    let newHead: ListNode | null = null;
    let tail: ListNode | null = null;
    while (head) {
        let prev: ListNode | null = null;
        let node: ListNode = head;
        while (node.next) {
            prev = node;
            node = node.next;
        }
        if (prev) {
            prev.next = null;
        } else {
            head = null;
        }
        if (tail) {
            tail.next = node;
        } else {
            newHead = node;
        }
        tail = node;
    }
    return newHead;
}
