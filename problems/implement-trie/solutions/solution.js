class TrieNode {
    constructor() {
        this.children = new Array(26).fill(null);
        this.isWord = false;
    }
}

class Trie {
    constructor() {
        this.root = new TrieNode();
    }

    /**
     * @param {string} word
     * @return {void}
     */
    insert(word) {
        let node = this.root;
        for (let i = 0; i < word.length; i++) {
            const c = word.charCodeAt(i) - 97;
            if (node.children[c] === null) node.children[c] = new TrieNode();
            node = node.children[c];
        }
        node.isWord = true;
    }

    /**
     * @param {string} word
     * @return {boolean}
     */
    search(word) {
        const node = this.walk(word);
        return node !== null && node.isWord;
    }

    /**
     * @param {string} prefix
     * @return {boolean}
     */
    startsWith(prefix) {
        return this.walk(prefix) !== null;
    }

    walk(s) {
        let node = this.root;
        for (let i = 0; i < s.length && node !== null; i++) {
            node = node.children[s.charCodeAt(i) - 97];
        }
        return node;
    }
}
