function addTwoNumbers(l1, l2) {
    let a = 0, b = 0, p = 1;
    for (let n = l1; n !== null; n = n.next, p *= 10) a += n.val * p;
    p = 1;
    for (let n = l2; n !== null; n = n.next, p *= 10) b += n.val * p;
    let s = a + b;
    const dummy = new ListNode();
    let tail = dummy;
    do {
        tail.next = new ListNode(s % 10);
        tail = tail.next;
        s = Math.floor(s / 10);
    } while (s > 0);
    return dummy.next;
}
