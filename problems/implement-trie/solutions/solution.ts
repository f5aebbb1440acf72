class TrieNode {
    children: (TrieNode | null)[] = new Array(26).fill(null);
    isWord = false;
}

class Trie {
    private root = new TrieNode();

    constructor() {
        
    }

    insert(word: string): void {
        let node = this.root;
        for (let i = 0; i < word.length; i++) {
            const c = word.charCodeAt(i) - 97;
            let child = node.children[c];
            if (child === null) {
                child = new TrieNode();
                node.children[c] = child;
            }
            node = child;
        }
        node.isWord = true;
    }

    search(word: string): boolean {
        const node = this.walk(word);
        return node !== null && node.isWord;
    }

    startsWith(prefix: string): boolean {
        return this.walk(prefix) !== null;
    }

    private walk(s: string): TrieNode | null {
        let node: TrieNode | null = this.root;
        for (let i = 0; i < s.length && node !== null; i++) {
            node = node.children[s.charCodeAt(i) - 97];
        }
        return node;
    }
}
