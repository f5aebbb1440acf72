package interviewer

import (
	"regexp"
	"strings"
	"unicode"
)

// What a candidate's message is, read from its words. Every test is a fixed
// list of phrases: the engine is deterministic and explains itself.
var (
	injectionWords = []string{"ignore previous", "ignore all previous", "ignore the previous", "ignore your instructions", "disregard",
		"system prompt", "you are now", "new instructions", "rate this", "rate me", "give me 100", "score of 100", "full marks",
		"developer mode", "jailbreak", "pretend you are", "act as"}
	answerWords = []string{"give me the answer", "give me the solution", "give me the code", "tell me the answer", "tell me the solution",
		"show me the solution", "show me the answer", "show me the code", "what is the answer", "what's the answer", "what is the solution",
		"what's the solution", "write the code for me", "write it for me", "just tell me", "solve it for me", "reference solution",
		"paste the solution", "can you solve it"}
	hintWords     = []string{"hint", "help me", "i'm stuck", "im stuck", "i am stuck", "stuck", "no idea", "don't know how", "dont know how", "clue", "nudge"}
	thinkingWords = []string{"let me think", "let me see", "give me a sec", "give me a second", "give me a minute", "give me a moment",
		"one moment", "one sec", "hold on", "i'm thinking", "im thinking", "thinking", "hmm", "hmmm"}
	doneWords  = []string{"i'm done", "im done", "i am done", "done", "finished", "it works", "that works", "ready to submit", "i think that's it", "complete"}
	edgeWords  = []string{"edge case", "edge cases", "corner case", "overflow", "boundary"}
	bruteWords = []string{"brute force", "brute-force", "brute", "naive", "every pair", "all pairs", "each pair", "nested loop", "nested loops",
		"two loops", "double loop", "try all", "check all", "try every", "check every"}
	approachWords = []string{"hash", "hashmap", "hash map", "map", "dictionary", "dict", "set", "stack", "queue", "heap", "priority queue",
		"two pointers", "two pointer", "pointer", "pointers", "binary search", "dp", "dynamic programming", "memo", "memoize", "memoization",
		"bfs", "dfs", "breadth first", "depth first", "sort", "sorting", "recursion", "recursive", "iterate", "iterative", "loop", "sliding window",
		"window", "greedy", "bucket", "counter", "count", "partition", "union find", "graph", "tree", "traverse",
		"my approach", "i would", "i'd", "i will", "i'll", "idea", "plan", "approach"}
	complexityAsk = []string{"complexity", "big o", "big-o", "how fast", "runtime", "run time"}
	questionStart = []string{"can ", "could ", "are ", "is ", "what ", "what's ", "whats ", "will ", "do ", "does ", "should ", "how ", "may ", "would ", "which ", "any ", "if "}
)

var bigORe = regexp.MustCompile(`(?i)\bo\s*\(([^()]*(\([^()]*\))?[^()]*)\)`)

// statedComplexity is the first big-O in the message, normalised; "" when none.
func statedComplexity(m string) string {
	g := bigORe.FindStringSubmatch(m)
	if g == nil {
		return ""
	}
	return normComplexity(g[1])
}

// normComplexity writes a complexity one way: "n^2", "nlogn", "logn", "1".
func normComplexity(c string) string {
	c = strings.ToLower(c)
	if c = strings.TrimSpace(c); strings.HasPrefix(c, "o(") && strings.HasSuffix(c, ")") {
		c = c[2 : len(c)-1]
	}
	r := strings.NewReplacer(" ", "", "²", "^2", "³", "^3", "·", "*", "log(n)", "logn", "lg", "log", "**", "^")
	c = r.Replace(c)
	c = strings.NewReplacer("n*n*n", "n^3", "n*n", "n^2", "n*logn", "nlogn", "n*log", "nlog").Replace(c)
	switch c {
	case "n2":
		c = "n^2"
	case "n3":
		c = "n^3"
	case "constant":
		c = "1"
	case "linear":
		c = "n"
	}
	return c
}

// complexityRank orders the common single-variable classes; -1 otherwise.
func complexityRank(c string) int {
	switch c {
	case "1":
		return 0
	case "logn":
		return 1
	case "n":
		return 2
	case "nlogn":
		return 3
	case "n^2":
		return 4
	case "n^3":
		return 5
	case "2^n":
		return 6
	case "n!":
		return 7
	}
	return -1
}

func containsAny(m string, words []string) string {
	for _, w := range words {
		if hasWord(m, w) {
			return w
		}
	}
	return ""
}

// isQuestion: a question mark, or a sentence that starts like one.
func isQuestion(m string) bool {
	m = strings.TrimSpace(m)
	if strings.Contains(m, "?") {
		return true
	}
	for _, q := range questionStart {
		if strings.HasPrefix(m, q) {
			return true
		}
	}
	return false
}

// commonWords are frequent English words: a message with none of them, no
// number and no technical word is not a sentence.
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the i i'm im me my we you your it it's its is are was be been am do does did
		can could would should will shall may might must have has had not no yes ok okay yeah yep nope sure so and or but if then
		else when while for to of in on at by with from as this that these those there here what which who how why where
		think know see mean try tried use using need want like just about all any each every some more most one two first
		last next loop array list string number numbers value values index input output return result code function time
		space case test example answer problem question right wrong good fine thanks thank hi hello sorry well now
		let lets go going start done maybe because same different also only than too very`) {
		commonWords[w] = true
	}
}

// gibberish: text that is mostly not words (keyboard mashing, symbols).
func gibberish(m string) bool {
	fields := strings.Fields(m)
	if len(fields) == 0 {
		return true
	}
	known := false
	for _, f := range fields {
		f = strings.Trim(f, ".,!?;:'\"()")
		if commonWords[f] || strings.ContainsAny(f, "0123456789") {
			known = true
			break
		}
	}
	if !known && containsAny(m, approachWords) == "" && containsAny(m, bruteWords) == "" {
		return true
	}
	letters, total, wordish := 0, 0, 0
	for _, f := range fields {
		vowels, cons, run, maxRun := 0, 0, 0, 0
		for _, r := range f {
			total++
			if unicode.IsLetter(r) {
				letters++
				if strings.ContainsRune("aeiouy", r) {
					vowels++
					run = 0
				} else {
					cons++
					run++
					maxRun = max(maxRun, run)
				}
			}
		}
		if vowels > 0 && maxRun < 5 && len(f) < 20 {
			wordish++
		}
	}
	if total > 0 && letters*2 < total {
		return true
	}
	return wordish*2 < len(fields)
}

// hasWord reports whether phrase occurs in m as whole words ("sort" is in
// "I'd sort it" but not in "unsorted").
func hasWord(m, phrase string) bool {
	isLetter := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }
	for i := 0; ; {
		j := strings.Index(m[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		before := start == 0 || !isLetter(m[start-1]) || !isLetter(phrase[0])
		after := end == len(m) || !isLetter(m[end]) || !isLetter(phrase[len(phrase)-1])
		if before && after {
			return true
		}
		i = start + 1
	}
}
