package codeanalysis

import "strings"

// Scale lists the complexities Analyze estimates, best first.
var Scale = []string{"O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"}

var scaleCost = map[string]cost{
	"O(1)": {}, "O(log n)": {log: 1}, "O(n)": {n: 1}, "O(n log n)": {n: 1, log: 1},
	"O(n^2)": {n: 2}, "O(n^3)": {n: 3},
}

func (c cost) String() string {
	for s, sc := range scaleCost {
		if sc == c {
			return s
		}
	}
	return "" // O(n^2 log n), O(n^4): off the scale, so unknown
}

// Normalize returns s written as on Scale ("O(N²)" → "O(n^2)",
// "O(log(min(m, n)))" → "O(log n)"), or "" when s is not on it. A bound in
// two variables (O(m * n), O(amount * k)) is not: comparing it with one in n
// would be a guess.
func Normalize(s string) string {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	t = strings.NewReplacer("²", "^2", "³", "^3", "**", "^", "·", "*", "lgn", "logn").Replace(t)
	switch t {
	case "o(1)":
		return "O(1)"
	case "o(logn)", "o(log(n))":
		return "O(log n)"
	case "o(n)", "o(n+m)", "o(m+n)":
		return "O(n)"
	case "o(nlogn)", "o(n*logn)", "o(nlog(n))":
		return "O(n log n)"
	case "o(n^2)", "o(n*n)":
		return "O(n^2)"
	case "o(n^3)":
		return "O(n^3)"
	case "o(2^n)", "o(exp(n))":
		return "O(2^n)"
	}
	// the log of a single size is at most log n of the whole input
	if strings.HasPrefix(t, "o(log(") && strings.HasSuffix(t, "))") && !strings.Contains(t, "*") {
		return "O(log n)"
	}
	return ""
}

// Compare orders two complexities: -1 when a grows slower than b, 0 when
// they are the same, +1 when a grows faster. ok is false when either is not
// on Scale after Normalize: then nothing can be said.
func Compare(a, b string) (c int, ok bool) {
	a, b = Normalize(a), Normalize(b)
	if a == "" || b == "" {
		return 0, false
	}
	ia, ib := scaleIndex(a), scaleIndex(b)
	switch {
	case ia < ib:
		return -1, true
	case ia > ib:
		return 1, true
	}
	return 0, true
}

func scaleIndex(s string) int {
	for i, x := range Scale {
		if x == s {
			return i
		}
	}
	return -1
}

// Approach names code of complexity estimated against a problem's optimal
// complexity: brute-force when it is worse, optimized when it is as good
// or better, unknown when either cannot be placed on the scale.
func Approach(estimated, optimal string) string {
	c, ok := Compare(estimated, optimal)
	switch {
	case !ok:
		return "unknown"
	case c > 0:
		return "brute-force"
	}
	return "optimized"
}

// opCost is the cost of the library call or operator at token i, beyond
// O(1): a sort is n log n, a search of a list or a copy is n.
func (r *reader) opCost(i int) (cost, bool) {
	t := r.toks[i]
	call := r.at(i+1) == "("
	dot := r.at(i-1) == "." || r.at(i-1) == "->"
	switch r.lang {
	case "python":
		switch {
		case t.text == "sorted" && call, t.text == "sort" && dot && call:
			return cost{n: 1, log: 1}, true
		case (t.text == "heappush" || t.text == "heappop" || t.text == "heappushpop" || t.text == "heapreplace") && call:
			return cost{log: 1}, true
		case dot && call && (t.text == "index" || t.text == "count" || t.text == "insert" || t.text == "remove" || t.text == "join" || t.text == "split" || t.text == "copy" || t.text == "reverse" || t.text == "extend" || t.text == "heapify"):
			return cost{n: 1}, true
		case dot && call && t.text == "pop" && r.at(i+2) == "0":
			return cost{n: 1}, true
		case !dot && call && r.at(i+2) != ")" && (t.text == "set" || t.text == "list" || t.text == "dict" || t.text == "Counter" || t.text == "tuple" || t.text == "sum" || t.text == "reversed" || t.text == "any" || t.text == "all" || t.text == "frozenset" || t.text == "deque"):
			return cost{n: 1}, true
		case !dot && call && (t.text == "min" || t.text == "max") && r.singleArg(i+1):
			return cost{n: 1}, true
		case t.text == "in" && !r.iterationIn(i) && r.pyList(r.at(i+1)) && r.at(i+2) != "(" && r.at(i+2) != ".":
			return cost{n: 1}, true
		case t.text == "[" && r.slices(i):
			return cost{n: 1}, true
		}
	case "javascript", "typescript":
		switch {
		case t.text == "sort" && dot && call:
			return cost{n: 1, log: 1}, true
		case dot && call && (t.text == "includes" || t.text == "indexOf" || t.text == "lastIndexOf" || t.text == "splice" || t.text == "slice" || t.text == "shift" || t.text == "unshift" || t.text == "join" || t.text == "split" || t.text == "concat" || t.text == "reverse" || t.text == "fill" || t.text == "repeat" || t.text == "substring" || t.text == "keys" && r.at(i-2) == "Object" || t.text == "values" && r.at(i-2) == "Object" || t.text == "entries" && r.at(i-2) == "Object" || t.text == "from" && r.at(i-2) == "Array"):
			return cost{n: 1}, true
		case t.text == "...":
			return cost{n: 1}, true
		case t.text == "new" && (r.at(i+1) == "Set" || r.at(i+1) == "Map" || r.at(i+1) == "Array") && r.at(i+2) == "(" && r.at(i+3) != ")":
			return cost{n: 1}, true
		}
	case "java":
		switch {
		case t.text == "sort" && dot && call:
			return cost{n: 1, log: 1}, true
		case dot && call && (t.text == "indexOf" || t.text == "substring" || t.text == "toCharArray" || t.text == "fill" || t.text == "copyOf" || t.text == "copyOfRange" || t.text == "stream" || t.text == "asList" || t.text == "reverse" || t.text == "equals" && r.at(i-2) == "Arrays"):
			return cost{n: 1}, true
		case dot && call && (t.text == "contains" || t.text == "remove") && r.javaList(r.at(i-2)):
			return cost{n: 1}, true
		case dot && call && (t.text == "offer" || t.text == "poll" || t.text == "add") && r.mentions("PriorityQueue"):
			return cost{log: 1}, true
		}
	case "go":
		switch {
		case (r.at(i-2) == "sort" || r.at(i-2) == "slices" && strings.HasPrefix(t.text, "Sort")) && dot && call:
			return cost{n: 1, log: 1}, true
		case r.at(i-2) == "heap" && dot && call:
			return cost{log: 1}, true
		case (r.at(i-2) == "strings" || r.at(i-2) == "slices" || r.at(i-2) == "bytes" || r.at(i-2) == "reflect") && dot && call:
			return cost{n: 1}, true
		case !dot && call && t.text == "copy":
			return cost{n: 1}, true
		case t.text == "..." && r.at(i-1) == "]":
			return cost{n: 1}, true // append(s[:i], s[i+1:]...)
		}
	case "cpp":
		switch {
		case (t.text == "sort" || t.text == "stable_sort") && call && !dot:
			return cost{n: 1, log: 1}, true
		case !dot && call && (t.text == "find" || t.text == "count" || t.text == "reverse" || t.text == "accumulate" || t.text == "max_element" || t.text == "min_element" || t.text == "fill"):
			return cost{n: 1}, true
		case dot && call && (t.text == "substr" || t.text == "erase" || t.text == "assign") && !r.mentions("unordered_map") && !r.mentions("unordered_set"):
			return cost{n: 1}, true
		case dot && call && (t.text == "push" || t.text == "pop") && r.mentions("priority_queue"):
			return cost{log: 1}, true
		}
	}
	return cost{}, false
}

func (r *reader) mentions(word string) bool {
	for _, t := range r.toks {
		if t.text == word {
			return true
		}
	}
	return false
}

// singleArg reports whether the call whose "(" is at i has one argument.
func (r *reader) singleArg(i int) bool {
	cl := r.closing(i)
	d := 0
	for k := i + 1; k < cl; k++ {
		switch r.at(k) {
		case "(", "[", "{{":
			d++
		case ")", "]", "}}":
			d--
		case ",":
			if d == 0 {
				return false
			}
		case "for":
			if d == 0 {
				return true // a generator argument
			}
		}
	}
	return cl > i+1
}

// iterationIn reports whether the Python "in" at i is a for's, not a
// membership test.
func (r *reader) iterationIn(i int) bool {
	for k := i - 1; k >= 0 && k > i-8; k-- {
		switch r.at(k) {
		case "for":
			return true
		case ";", "{", "}", "if", "and", "or", "not", "while", "return", "=":
			return false
		}
	}
	return false
}

// pyList reports whether name is assigned a list in the code.
func (r *reader) pyList(name string) bool {
	for k := 0; k+2 < len(r.toks); k++ {
		if r.toks[k].text == name && r.at(k+1) == "=" && (r.at(k+2) == "[" || r.at(k+2) == "list") {
			return true
		}
	}
	return false
}

// javaList reports whether name is declared as a List or a String.
func (r *reader) javaList(name string) bool {
	for k := 1; k < len(r.toks); k++ {
		if r.toks[k].text == name && r.at(k+1) != "." {
			for j := k - 1; j >= 0 && j > k-8; j-- {
				switch r.at(j) {
				case "List", "ArrayList", "LinkedList", "String":
					return true
				case ";", "{", "}", "(":
					j = -1
				}
				if j < 0 {
					break
				}
			}
		}
	}
	return false
}

// slices reports whether the "[" at i is a Python slice (s[i:j], s[:]).
func (r *reader) slices(i int) bool {
	if i == 0 || (r.toks[i-1].kind != ident && r.at(i-1) != "]" && r.at(i-1) != ")") {
		return false
	}
	cl := r.closing(i)
	d := 0
	for k := i + 1; k < cl; k++ {
		switch r.at(k) {
		case "(", "[", "{{":
			d++
		case ")", "]", "}}":
			d--
		case ":":
			if d == 0 {
				return true
			}
		}
	}
	return false
}

// scanFacts notes sorts and hash structures at token i.
func (r *reader) scanFacts(i int) {
	t := r.toks[i]
	if c, ok := r.opCost(i); ok && c.log == 1 && c.n == 1 {
		r.sorts = true
	}
	if hashWords[r.lang][t.text] {
		r.hashes = true
	}
	if r.py() && t.text == "{{" && r.at(i+1) == "}}" {
		r.hashes = true
	}
	if (r.lang == "javascript" || r.lang == "typescript") && t.text == "{" && r.at(i-1) == "=" && r.at(i+1) == "}" {
		r.hashes = true // an object used as a map
	}
	if r.lang == "go" && t.text == "map" && r.at(i+1) == "[" {
		r.hashes = true
	}
}

var hashWords = map[string]map[string]bool{
	"python":     {"dict": true, "set": true, "Counter": true, "defaultdict": true, "OrderedDict": true},
	"javascript": {"Map": true, "Set": true},
	"typescript": {"Map": true, "Set": true, "Record": true},
	"java":       {"HashMap": true, "HashSet": true, "LinkedHashMap": true, "LinkedHashSet": true, "Map": true, "Set": true},
	"cpp":        {"unordered_map": true, "unordered_set": true, "map": true, "set": true},
}

// debugPrints counts the calls that write to the console.
func (r *reader) debugPrints() int {
	n := 0
	for i, t := range r.toks {
		switch r.lang {
		case "python":
			if t.text == "print" && r.at(i+1) == "(" && r.at(i-1) != "." {
				n++
			}
		case "javascript", "typescript":
			if t.text == "console" && r.at(i+1) == "." {
				n++
			}
		case "java":
			if t.text == "System" && r.at(i+1) == "." && (r.at(i+2) == "out" || r.at(i+2) == "err") {
				n++
			}
		case "go":
			if (t.text == "fmt" || t.text == "log") && r.at(i+1) == "." && (strings.HasPrefix(r.at(i+2), "Print") || strings.HasPrefix(r.at(i+2), "Fprint")) ||
				(t.text == "println" || t.text == "print") && r.at(i+1) == "(" && r.at(i-1) != "." {
				n++
			}
		case "cpp":
			if (t.text == "cout" || t.text == "cerr" || t.text == "clog") && r.at(i+1) == "<<" ||
				(t.text == "printf" || t.text == "puts") && r.at(i+1) == "(" {
				n++
			}
		}
	}
	return n
}

// recursionFacts is what the self-calls of the code's functions say.
type recursionFacts struct {
	any   bool
	cost  cost // the dearest recursive function's cost
	known bool // false: some recursion's cost cannot be told
	exp   bool // branching recursion on a shrinking number, without memo
}

var structural = map[string]bool{
	"left": true, "right": true, "next": true, "children": true, "Left": true, "Right": true,
	"Next": true, "child": true, "neighbors": true,
}

// recursion finds functions that call themselves and classifies them:
// a walk down a structure (node.left, node.next) visits each node once,
// O(n) times the work per call; one call on n-1 is O(n) too; several calls
// on smaller numbers without a memo are exponential; anything else
// (memoised, divide and conquer, a grid search) is not guessed.
func (r *reader) recursion() recursionFacts {
	rf := recursionFacts{known: true}
	memo := r.mentions("lru_cache") || r.mentions("cache") || r.mentions("memo") || r.mentions("dp") || r.mentions("seen") || r.mentions("visited")
	for _, b := range r.found {
		if b.kind != fn || b.name == "" {
			continue
		}
		var calls [][2]int // argument spans
		inLoop := false
		for k := b.open + 1; k < b.close; k++ {
			if r.at(k) != b.name || r.at(k+1) != "(" {
				continue
			}
			if p := r.at(k - 1); p == "." && r.at(k-2) != "self" && r.at(k-2) != "this" || p == "def" || p == "function" || p == "func" {
				continue
			}
			cl := r.closing(k + 1)
			calls = append(calls, [2]int{k + 2, cl})
			for _, lb := range r.found {
				if lb.kind == loop && r.inside(lb, k) && lb.header > b.open {
					inLoop = true
				}
			}
		}
		if len(calls) == 0 {
			continue
		}
		rf.any = true
		allStructural, minus, plus, halving := true, false, false, false
		for _, c := range calls {
			s := false
			for k := c[0]; k < c[1]; k++ {
				switch {
				case structural[r.at(k)] && (r.at(k-1) == "." || r.at(k-1) == "->"):
					s = true
				case r.at(k) == "-" || r.at(k) == "--":
					minus = true
				case r.at(k) == "+" || r.at(k) == "++":
					plus = true
				case r.at(k) == "mid" || r.at(k) == "/" || r.at(k) == "//" || r.at(k) == ">>":
					halving = true
				}
			}
			if !s {
				allStructural = false
			}
		}
		inner := cost{}
		for k := b.open + 1; k < b.close; k++ {
			if c := r.costAt(k).times(r.opCostOrZero(k)); inner.less(c) {
				inner = c
			}
		}
		var c cost
		switch {
		case allStructural:
			c = cost{n: 1}.times(inner)
		case memo || halving || plus:
			rf.known = false
			continue
		case (len(calls) > 1 || inLoop) && minus:
			rf.exp = true
			continue
		case len(calls) == 1 && minus:
			c = cost{n: 1}.times(inner)
		default:
			rf.known = false
			continue
		}
		if rf.cost.less(c) {
			rf.cost = c
		}
	}
	return rf
}

// opCostOrZero is the op cost at k, O(1) when there is none.
func (r *reader) opCostOrZero(k int) cost {
	c, _ := r.opCost(k)
	return c
}

// complexity puts loops, library calls and recursion together.
func (r *reader) complexity(rec recursionFacts) string {
	if len(r.toks) == 0 {
		return ""
	}
	if rec.exp {
		return "O(2^n)"
	}
	if !rec.known {
		return ""
	}
	worst := rec.cost
	for i := range r.toks {
		c := r.costAt(i)
		if op, ok := r.opCost(i); ok {
			c = c.times(op)
		}
		if worst.less(c) {
			worst = c
		}
	}
	return worst.String()
}
