func groupAnagrams(strs []string) [][]string {
	// Anagrams share their letter counts, so the count array is the key.
	index := make(map[[26]byte]int)
	var groups [][]string
	for _, word := range strs {
		var key [26]byte // a word has at most 100 letters, so a byte holds each count
		for i := 0; i < len(word); i++ {
			key[word[i]-'a']++
		}
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], word)
	}
	return groups
}
