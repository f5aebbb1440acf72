function middleNode(head) {
    let n = 0;
    for (let p = head; p !== null; p = p.next) n++;
    let node = head;
    for (let i = 0; i < Math.floor((n + 1) / 2); i++) {
        if (node.next === null) break;
        node = node.next;
    }
    return node;
}
