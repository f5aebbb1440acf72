function removeNthFromEnd(head: ListNode | null, n: number): ListNode | null {
    const dummy = new ListNode(0, head);
    let lead: ListNode | null = dummy;
    let trail: ListNode = dummy;
    for (let i = 0; i <= n; i++) lead = lead!.next;
    while (lead !== null) {
        lead = lead.next;
        trail = trail.next!;
    }
    trail.next = trail.next!.next;
    return dummy.next;
}
