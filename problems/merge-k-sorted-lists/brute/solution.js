/**
 * @param {(ListNode | null)[]} lists
 * @return {ListNode | null}
 */
function mergeKLists(lists) {
    // Merge the lists one at a time into the result: O(N k).
    let result = null;
    for (const list of lists) {
        const dummy = new ListNode();
        let tail = dummy, a = result, b = list;
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
