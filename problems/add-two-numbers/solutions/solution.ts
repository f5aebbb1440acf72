function addTwoNumbers(l1: ListNode | null, l2: ListNode | null): ListNode | null {
    const dummy = new ListNode();
    let tail: ListNode = dummy;
    let carry = 0;
    while (l1 !== null || l2 !== null || carry > 0) {
        let s = carry;
        if (l1 !== null) {
            s += l1.val;
            l1 = l1.next;
        }
        if (l2 !== null) {
            s += l2.val;
            l2 = l2.next;
        }
        carry = s >= 10 ? 1 : 0;
        tail.next = new ListNode(s % 10);
        tail = tail.next;
    }
    return dummy.next;
}
