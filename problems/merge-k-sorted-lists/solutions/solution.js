/**
 * @param {(ListNode | null)[]} lists
 * @return {ListNode | null}
 */
function mergeKLists(lists) {
    const merge = (a, b) => {
        const dummy = new ListNode();
        let tail = dummy;
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
        return dummy.next;
    };
    // Merge in pairs: each round halves the number of lists.
    let cur = lists.slice();
    if (cur.length === 0) return null;
    while (cur.length > 1) {
        const next = [];
        for (let i = 0; i < cur.length; i += 2) {
            next.push(i + 1 < cur.length ? merge(cur[i], cur[i + 1]) : cur[i]);
        }
        cur = next;
    }
    return cur[0];
}
