class Trie {
    constructor() {
        this.words = new Set();
        this.prefixes = new Set();
    }

    /**
     * @param {string} word
     * @return {void}
     */
    insert(word) {
        this.words.add(word);
        for (let i = 1; i < word.length; i++) {
            this.prefixes.add(word.slice(0, i));
        }
    }

    /**
     * @param {string} word
     * @return {boolean}
     */
    search(word) {
        return this.words.has(word);
    }

    /**
     * @param {string} prefix
     * @return {boolean}
     */
    startsWith(prefix) {
        return this.prefixes.has(prefix);
    }
}
