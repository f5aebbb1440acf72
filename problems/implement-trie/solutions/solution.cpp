class Trie {
    struct Node {
        Node* children[26] = {};
        bool isWord = false;
    };
    Node* root = new Node();

    Node* walk(const string& s) {
        Node* node = root;
        for (char ch : s) {
            node = node->children[ch - 'a'];
            if (!node) return nullptr;
        }
        return node;
    }
public:
    Trie() {
        
    }
    
    void insert(string word) {
        Node* node = root;
        for (char ch : word) {
            int c = ch - 'a';
            if (!node->children[c]) node->children[c] = new Node();
            node = node->children[c];
        }
        node->isWord = true;
    }
    
    bool search(string word) {
        Node* node = walk(word);
        return node && node->isWord;
    }
    
    bool startsWith(string prefix) {
        return walk(prefix) != nullptr;
    }
};
