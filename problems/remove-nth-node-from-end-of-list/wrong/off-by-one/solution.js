function removeNthFromEnd(head, n) {
    let len = 0;
    for (let p = head; p !== null; p = p.next) len++;
    if (n === len) return head.next;
    let prev = head;
    for (let i = 1; i < len - n - 1; i++) prev = prev.next;
    prev.next = prev.next.next;
    return head;
}
