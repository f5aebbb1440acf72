/**
 * @param {ListNode | null} head
 * @return {ListNode | null}
 */
function reverseList(head) {
    // Repeatedly walk to the last node and append it to a new list: O(n^2).
    let newHead = null;
    let tail = null;
    while (head) {
        let prev = null;
        let node = head;
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
