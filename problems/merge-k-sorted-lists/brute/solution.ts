function mergeKLists(lists: (ListNode | null)[]): ListNode | null {
    // Merge the lists one at a time into the result: O(N k).
    let result: ListNode | null = null;
    for (const list of lists) {
        const dummy = new ListNode();
        let tail: ListNode = dummy, a: ListNode | null = result, b: ListNode | null = list;
        while (a !== null && b !== null) {
            if (a.val <= b.val) {
                tail.next = a;
                a = a.next;
            } else {
                tail.next = b;
                b = b.next;
            }
            tail = tail.next;
        }
        tail.next = a !== null ? a : b;
        result = dummy.next;
    }
    return result;
}
