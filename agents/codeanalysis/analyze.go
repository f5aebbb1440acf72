// Package codeanalysis reads a candidate's code without running it: loop
// nesting, recursion, sorting, hash lookups, debug prints and function
// length, and from them an estimate of the time complexity. The observer,
// the interviewer and the evaluator share it, so all three tell a candidate
// the same thing about the same code.
//
// It is a heuristic reader, not a compiler: comments and strings are dropped
// first so their words never count, and where the cost depends on something
// it cannot see (memoised recursion, an unknown callee) it says "unknown"
// rather than guess.
package codeanalysis

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mockroom/mockroom/interview"
)

// Analysis is what one reading of the code found.
type Analysis struct {
	Facts interview.CodeFacts
	// Complexity is the estimated time complexity on the scale of Scale,
	// or "" when the reading cannot tell.
	Complexity string
}

// Analyze reads code written in language (a judge language name: python,
// javascript, typescript, java, go, cpp). starter is the problem's starter
// code for that language ("" when there is none); code equal to it up to
// comments and spacing is the starter.
func Analyze(language, code, starter string) Analysis {
	toks := lex(language, code)
	r := &reader{lang: language, toks: toks}
	r.blocks()
	facts := interview.CodeFacts{
		Lines:          countLines(code),
		MaxLoopDepth:   r.maxLoopDepth(),
		Sorts:          r.sorts,
		HashLookups:    r.hashes,
		DebugPrints:    r.debugPrints(),
		LongestFuncLen: r.longestFunc(),
		IsStarter:      starter != "" && sameTokens(toks, lex(language, starter)),
	}
	rec := r.recursion()
	facts.Recursion = rec.any
	return Analysis{Facts: facts, Complexity: r.complexity(rec)}
}

func countLines(code string) int {
	n := 0
	for l := range strings.SplitSeq(code, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

func sameTokens(a, b []token) bool {
	return slices.EqualFunc(a, b, func(x, y token) bool { return x.text == y.text })
}

// cost is n^n·log^log n.
type cost struct{ n, log int }

func (c cost) times(d cost) cost { return cost{c.n + d.n, c.log + d.log} }

func (c cost) less(d cost) bool { return c.n < d.n || (c.n == d.n && c.log < d.log) }

// blockKind tells loops from functions from other braces.
type blockKind int

const (
	other blockKind = iota
	loop
	fn
)

// block is a span of tokens [open, close]: a loop's header and body, or a
// function's body.
type block struct {
	kind        blockKind
	name        string // a function's name, "" when anonymous
	header      int    // first token of a loop's header or a function's name
	open, close int    // token indices of the body's delimiters
	startLine   int
	endLine     int
	factor      cost // what one pass of a loop multiplies by
	hs, he      int  // a loop's header tokens
	comprehend  bool // a Python comprehension's or a callback's loop
}

type reader struct {
	lang   string
	toks   []token
	found  []*block
	sorts  bool
	hashes bool
}

func (r *reader) py() bool { return r.lang == "python" }

func (r *reader) at(i int) string {
	if i < 0 || i >= len(r.toks) {
		return ""
	}
	return r.toks[i].text
}

// match reports whether the tokens from i read seq.
func (r *reader) match(i int, seq ...string) bool {
	for k, s := range seq {
		if r.at(i+k) != s {
			return false
		}
	}
	return true
}

// closing returns the index of the bracket that closes the one at i.
func (r *reader) closing(i int) int {
	open := r.at(i)
	var shut string
	switch open {
	case "(":
		shut = ")"
	case "[":
		shut = "]"
	case "{":
		shut = "}"
	case "{{":
		shut = "}}"
	default:
		return i
	}
	d := 0
	for j := i; j < len(r.toks); j++ {
		switch r.toks[j].text {
		case open:
			d++
		case shut:
			d--
			if d == 0 {
				return j
			}
		}
	}
	return len(r.toks) - 1
}

var notFunctionNames = map[string]bool{
	"if": true, "for": true, "while": true, "switch": true, "catch": true, "return": true,
	"sizeof": true, "typeof": true, "new": true, "else": true, "do": true, "try": true,
	"with": true, "elif": true, "synchronized": true, "super": true, "this": true,
	"assert": true, "throw": true, "await": true, "yield": true, "in": true, "of": true,
	"delete": true, "void": true, "not": true, "and": true, "or": true, "print": true,
	"function": true, "func": true, "range": true, "decltype": true, "alignof": true,
}

// typeish tokens may stand between a function's parameter list and its body.
func typeish(t token) bool {
	if t.kind == ident || t.kind == number {
		return true
	}
	switch t.text {
	case ":", "<", ">", "[", "]", "*", "&", ",", ".", "?", "|", "=>", "->", "(", ")", "::", ">>":
		return true
	}
	return false
}

// callbackLoops are methods that call their function argument once per
// element.
var callbackLoops = map[string]bool{
	"forEach": true, "map": true, "filter": true, "reduce": true, "reduceRight": true,
	"some": true, "every": true, "find": true, "findIndex": true, "flatMap": true,
	"findLast": true, "anyMatch": true, "allMatch": true, "noneMatch": true,
}

// blocks finds every loop and function.
func (r *reader) blocks() {
	toks := r.toks
	type candidate struct {
		name  string
		head  int
		close int
	}
	var cand *candidate
	stmtStart := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		prevStmt := stmtStart
		stmtStart = t.text == ";" || t.text == "{" || t.text == "}"
		switch {
		case t.kind == ident && (t.text == "for" || t.text == "while") && !(r.py() && !prevStmt):
			r.loopAt(i)
		case t.kind == ident && t.text == "do" && r.at(i+1) == "{":
			r.add(&block{kind: loop, header: i, open: i + 1, close: r.closing(i + 1), factor: cost{n: 1}})
		case r.py() && (t.text == "(" || t.text == "[" || t.text == "{{"):
			r.comprehension(i)
		case r.py() && t.text == "def" && r.toks[min(i+1, len(toks)-1)].kind == ident:
			// def name(...) ... {
			j := i + 2
			for j < len(toks) && toks[j].text != "{" {
				j++
			}
			if j < len(toks) {
				r.add(&block{kind: fn, name: toks[i+1].text, header: i, open: j, close: r.closing(j)})
			}
		case !r.py() && t.text == "(":
			cl := r.closing(i)
			prev := r.at(i - 1)
			switch {
			case r.at(i-2) == "." && callbackLoops[prev] && r.hasLambda(i, cl):
				r.add(&block{kind: loop, header: i - 1, open: i, close: cl, factor: cost{n: 1}, comprehend: true})
			}
			name, ok := "", true
			switch {
			case i > 0 && toks[i-1].kind == ident && !notFunctionNames[prev]:
				name = prev
				if r.at(i-2) == "new" || r.at(i-2) == "." {
					ok = false
				}
			case prev == "function" || prev == "func":
				name = r.assignedName(i - 1)
			case prev == "]":
				// a C++ lambda: [captures](params)
				k := i - 1
				for k > 0 && r.at(k) != "[" {
					k--
				}
				name = r.assignedName(k)
			case prev == "=" || prev == ":" || prev == "(" || prev == "," || prev == "async":
				if r.at(cl+1) == "=>" || (r.at(cl+1) == ":" && r.lang == "typescript") {
					name = r.assignedName(i)
				} else {
					ok = false
				}
			default:
				ok = false
			}
			if ok {
				cand = &candidate{name: name, head: i, close: cl}
			}
		case !r.py() && t.text == "=>" && r.at(i+1) != "{":
			r.arrowExpression(i)
		case !r.py() && t.text == "{" && cand != nil && cand.close < i:
			isFn := true
			for k := cand.close + 1; k < i; k++ {
				if !typeish(toks[k]) {
					isFn = false
					break
				}
			}
			if isFn {
				r.add(&block{kind: fn, name: cand.name, header: cand.head, open: i, close: r.closing(i)})
			}
			cand = nil
		case !r.py() && (t.text == ";" || t.text == "}"):
			cand = nil
		}
		r.scanFacts(i)
	}
	for _, b := range r.found {
		if b.kind == loop && b.he >= b.hs && b.hs > 0 {
			b.factor = r.loopFactor(b, b.hs, b.he)
		}
	}
}

// arrowExpression records an arrow function whose body is an expression
// (const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2);): the body runs
// to the end of the expression.
func (r *reader) arrowExpression(i int) {
	ps := i - 1
	if r.at(ps) == ")" {
		d := 0
		for ; ps >= 0; ps-- {
			switch r.at(ps) {
			case ")":
				d++
			case "(":
				d--
			}
			if d == 0 {
				break
			}
		}
	}
	if ps < 0 {
		return
	}
	end, d := i+1, 0
loop:
	for ; end < len(r.toks); end++ {
		switch r.at(end) {
		case "(", "[", "{":
			d++
		case ")", "]", "}":
			if d == 0 {
				break loop
			}
			d--
		case ";", ",":
			if d == 0 {
				break loop
			}
		}
	}
	r.add(&block{kind: fn, name: r.assignedName(ps), header: ps, open: i, close: end - 1})
}

// assignedName returns the name a function expression starting at i is
// assigned to (x = function..., const x = (...) =>, x := func...), or "".
func (r *reader) assignedName(i int) string {
	switch r.at(i - 1) {
	case "=", ":=", ":":
		if r.toks[max(i-2, 0)].kind == ident {
			return r.at(i - 2)
		}
	}
	return ""
}

func (r *reader) hasLambda(open, close int) bool {
	for k := open; k < close; k++ {
		switch r.at(k) {
		case "=>", "->", "function":
			return true
		}
	}
	return false
}

func (r *reader) add(b *block) {
	// half-typed code: a header or a body may run off the end
	last := len(r.toks) - 1
	b.header, b.open, b.close = min(b.header, last), min(b.open, last), min(b.close, last)
	b.he = min(b.he, last)
	if b.close < b.open {
		b.close = b.open
	}
	b.startLine = r.toks[b.header].line
	b.endLine = r.toks[b.close].line
	if r.py() && b.close > 0 && r.at(b.close) == "}" {
		// a Python block ends on its last line of code, not at the dedent
		b.endLine = r.toks[b.close-1].line
	}
	r.found = append(r.found, b)
}

// loopAt records the loop whose keyword is at i.
func (r *reader) loopAt(i int) {
	toks := r.toks
	var headEnd int // last token of the header
	switch {
	case r.at(i+1) == "(" && !r.py():
		headEnd = r.closing(i + 1)
	default:
		// Python and Go: the header runs to the block's brace
		j := i + 1
		for j < len(toks) && toks[j].text != "{" && (toks[j].text != ";" || r.lang == "go") {
			if toks[j].text == "(" || toks[j].text == "[" || toks[j].text == "{{" {
				j = r.closing(j)
			}
			j++
		}
		headEnd = j - 1
	}
	open := headEnd + 1
	var close int
	if r.at(open) == "{" {
		close = r.closing(open)
	} else {
		// a single statement body (or do-while's trailing while)
		close = open
		for close < len(toks) && toks[close].text != ";" {
			if toks[close].text == "(" || toks[close].text == "[" || toks[close].text == "{" {
				close = r.closing(close)
			}
			close++
		}
		close = min(close, len(toks)-1)
	}
	r.add(&block{kind: loop, header: i, open: open, close: close, hs: i + 1, he: headEnd})
}

// loopFactor estimates what one loop multiplies the cost of its body by:
// n for a loop over the input, log n when each pass halves the range,
// 1 for a loop over a constant or one that drains a worklist (each item is
// pushed once, so the pops are paid for by the pushes).
func (r *reader) loopFactor(b *block, hs, he int) cost {
	header := r.toks[hs : he+1]
	texts := make([]string, len(header))
	for k, t := range header {
		texts[k] = t.text
	}
	h := " " + strings.Join(texts, " ") + " "
	// constant bounds: range(26), i < 26, a literal tuple or list
	if strings.Contains(h, " range ( "+lastNumber(texts)+" ) ") && lastNumber(texts) != "" ||
		strings.Contains(h, " < "+lastNumber(texts)+" ;") && lastNumber(texts) != "" ||
		strings.Contains(h, " in ( (") || strings.Contains(h, " in [ (") || strings.Contains(h, " in ( [") ||
		strings.Contains(h, " in \"s\" ") {
		return cost{}
	}
	// a fixed-size array declared with a number in C++/Java/Go: for (auto& d : dirs) over dirs[4][2]
	if iter := r.rangeOver(texts); iter != "" && r.fixedSize(iter) {
		return cost{}
	}
	if r.literalIterable(texts, header) || r.nestedIterable(b, texts) {
		return cost{}
	}
	body := r.toks[b.open : b.close+1]
	if r.toks[b.header].text == "while" || (r.toks[b.header].text == "for" && r.lang == "go") {
		// halving: a compound halving of a header variable, or a midpoint
		// computed in a loop that compares two bounds
		if halves(header) || halves(body) && comparesBounds(header) || r.halvesVar(header, b) {
			return cost{log: 1}
		}
		// a worklist: the header tests a container the body pops from
		for k, t := range header {
			if t.kind == ident && (r.pops(t.text, b.open, b.close) && !r.scannedInside(t.text, b) || r.sizeTest(header, k) && r.reassigns(t.text, b.open, b.close)) {
				return cost{}
			}
		}
		if r.monotonePointer(b) {
			return cost{}
		}
	} else if halvesCompound(header) {
		return cost{log: 1}
	}
	return cost{n: 1}
}

// iterableStart returns the index in texts after the token that starts a
// for-each loop's iterable (in, of, :, range), or -1.
func iterableStart(texts []string) int {
	for k, t := range texts {
		switch t {
		case "in", "of", "range":
			return k + 1
		case ":":
			if !slices.Contains(texts[:k], ";") {
				return k + 1
			}
		}
	}
	return -1
}

// literalIterable reports a loop over a literal tuple or list: for x in
// (a, b), for (const d of [[0, 1], [1, 0]]).
func (r *reader) literalIterable(texts []string, header []token) bool {
	k := iterableStart(texts)
	if k < 0 || k >= len(texts) || (texts[k] != "(" && texts[k] != "[") {
		return false
	}
	d, comma := 0, false
	for j := k; j < len(texts); j++ {
		switch texts[j] {
		case "(", "[", "{{", "{":
			d++
		case ")", "]", "}}", "}":
			d--
			if d == 0 {
				rest := texts[j+1:]
				return comma && (len(rest) == 0 || len(rest) == 1 && rest[0] == ")")
			}
		case ",":
			if d == 1 {
				comma = true
			}
		case "for":
			return false
		}
	}
	return false
}

// loopVars returns the names a loop header binds.
func loopVars(b *block, r *reader) []string {
	texts := make([]string, 0, b.he-b.hs+1)
	for k := b.hs; k <= b.he; k++ {
		texts = append(texts, r.toks[k].text)
	}
	end := iterableStart(texts) - 1
	if end < 0 {
		end = slices.Index(texts, "=")
	}
	if end < 0 {
		return nil
	}
	var vars []string
	for k := 0; k < end; k++ {
		if r.toks[b.hs+k].kind == ident && !notFunctionNames[texts[k]] {
			vars = append(vars, texts[k])
		}
	}
	return vars
}

// nestedIterable reports a loop over a part of what an enclosing loop
// walks (for x in row, inside for row in grid; for v in buckets[count]):
// over both loops together each item is visited once, so the inner loop
// adds no factor of its own.
func (r *reader) nestedIterable(b *block, texts []string) bool {
	k := iterableStart(texts)
	if k < 0 {
		return false
	}
	it := texts[k:]
	for _, t := range it {
		switch t {
		case "range", "+", "-", "*", "len", "length", "size", "(":
			if t == "(" && slices.Contains(it, "get") {
				continue
			}
			if t == "range" && r.lang == "go" {
				continue
			}
			return false
		}
	}
	for _, o := range r.found {
		if o == b || o.kind != loop || !r.inside(o, b.header) || o.header >= b.header {
			continue
		}
		for _, v := range loopVars(o, r) {
			if slices.Contains(it, v) {
				return true
			}
		}
	}
	return false
}

// sizeTest reports whether the header tests the size of the name at k
// (len(q) > 0, q.length, !q.isEmpty(), !q.empty(), or a Python list alone).
func (r *reader) sizeTest(h []token, k int) bool {
	at := func(j int) string {
		if j < 0 || j >= len(h) {
			return ""
		}
		return h[j].text
	}
	switch {
	case at(k-2) == "len" && at(k-1) == "(":
		return true
	case at(k+1) == "." && (at(k+2) == "length" || at(k+2) == "isEmpty" || at(k+2) == "empty" || at(k+2) == "size"):
		return true
	case r.py() && len(h) == 1 && r.pyList(h[0].text):
		return true
	}
	return false
}

// reassigns reports whether tokens in [open, close] assign name afresh
// (level = next), but not to a part of itself (head = head.next).
func (r *reader) reassigns(name string, open, close int) bool {
	for k := open; k <= close; k++ {
		if r.at(k) == name && r.at(k+1) == "=" && r.at(k-1) != "." && r.at(k+2) != name {
			return true
		}
	}
	return false
}

func lastNumber(texts []string) string {
	for k := len(texts) - 1; k >= 0; k-- {
		if texts[k] != "" && texts[k][0] >= '0' && texts[k][0] <= '9' {
			return texts[k]
		}
	}
	return ""
}

// rangeOver returns the name a for-each header iterates over, or "".
func (r *reader) rangeOver(texts []string) string {
	for k := 0; k+1 < len(texts); k++ {
		if texts[k] == ":" || texts[k] == "range" || texts[k] == "of" || texts[k] == "in" {
			if k+2 == len(texts) || (k+3 == len(texts) && texts[k+2] == ")") {
				return texts[k+1]
			}
		}
	}
	return ""
}

// fixedSize reports whether name is declared as an array of literal size or
// a literal list (dirs[4][2], dirs := [4][2]int{...}, dirs = [(1,0),...]).
func (r *reader) fixedSize(name string) bool {
	for k := 0; k+3 < len(r.toks); k++ {
		if r.toks[k].text != name {
			continue
		}
		next := r.at(k + 1)
		if next == "[" && r.toks[k+2].kind == number && r.at(k+3) == "]" {
			return true
		}
		if (next == "=" || next == ":=") && r.at(k+2) == "[" && r.toks[k+3].kind == number {
			return true
		}
		if (next == "=" || next == ":=") && (r.at(k+2) == "[" || r.at(k+2) == "(" || r.at(k+2) == "{" || r.at(k+2) == "{{") && (r.at(k+3) == "(" || r.at(k+3) == "[" || r.at(k+3) == "{" || r.at(k+3) == "{{") {
			// a literal list of pairs, closed on the same statement
			cl := r.closing(k + 2)
			ok := true
			for j := k + 3; j < cl; j++ {
				if r.toks[j].kind == ident {
					ok = false
					break
				}
			}
			return ok
		}
	}
	return false
}

// monotonePointer reports an inner while loop that only moves a pointer
// the enclosing loop never resets (the left edge of a sliding window:
// for right ...: while bad: left += 1). Over the whole outer loop the
// pointer moves at most n times, so the inner loop adds no factor.
func (r *reader) monotonePointer(b *block) bool {
	var outer *block
	for _, o := range r.found {
		if o != b && o.kind == loop && !o.comprehend && r.inside(o, b.header) && o.header < b.header && (outer == nil || o.header > outer.header) {
			outer = o
		}
	}
	if outer == nil {
		return false
	}
	for _, name := range r.steppedAtTop(b) {
		if !r.assigned(name, outer.header, outer.close) && !slices.Contains(loopVars(outer, r), name) {
			return true
		}
	}
	return false
}

// steppedAtTop lists the names the loop's body moves by one on every pass:
// a step at the body's own level, not under an if.
func (r *reader) steppedAtTop(b *block) []string {
	if r.at(b.open) != "{" {
		return nil
	}
	var names []string
	depth := 0
	for k := b.open; k <= b.close; k++ {
		switch r.at(k) {
		case "{":
			depth++
		case "}":
			depth--
		}
		if depth == 1 && r.toks[k].kind == ident && r.steps(r.at(k), k, k) {
			names = append(names, r.at(k))
		}
	}
	return names
}

// steps reports whether name is moved by one in [open, close] (x += 1,
// x++, --x).
func (r *reader) steps(name string, open, close int) bool {
	for k := open; k <= close; k++ {
		if r.at(k) != name {
			continue
		}
		switch {
		case (r.at(k+1) == "+=" || r.at(k+1) == "-=") && r.at(k+2) == "1" && r.at(k+3) != "[",
			r.at(k+1) == "++" || r.at(k+1) == "--",
			r.at(k-1) == "++" || r.at(k-1) == "--":
			return true
		}
	}
	return false
}

// assigned reports whether name is on the left of a plain assignment in
// [from, to] (x = 0; x, y = y, x; x := 0).
func (r *reader) assigned(name string, from, to int) bool {
	for k := from; k <= to; k++ {
		if t := r.at(k); t != "=" && t != ":=" {
			continue
		}
		for j := k - 1; j >= from; j-- {
			t := r.at(j)
			if t == ";" || t == "{" || t == "}" || t == "(" || t == ":" {
				break
			}
			if t == name && r.at(j-1) != "." {
				return true
			}
		}
	}
	return false
}

// halvesVar reports whether the body sets a header variable to half of
// itself (n = Math.floor(n / 2), x = x >> 1).
func (r *reader) halvesVar(header []token, b *block) bool {
	for _, h := range header {
		if h.kind != ident {
			continue
		}
		for k := b.open; k < b.close; k++ {
			if r.at(k) == h.text && halvesCompound(r.toks[k+1:min(k+3, len(r.toks))]) {
				return true // n //= 10
			}
			if r.at(k) != h.text || r.at(k+1) != "=" {
				continue
			}
			e := k + 2
			for e < b.close && r.at(e) != ";" && r.at(e) != "}" {
				e++
			}
			rhs := r.toks[k+2 : e]
			if divides(rhs) && slices.ContainsFunc(rhs, func(t token) bool { return t.text == h.text }) {
				return true
			}
		}
	}
	return false
}

// halvesCompound reports a compound assignment that shrinks or grows a
// value geometrically (n //= 10, i *= 2, x >>= 1).
func halvesCompound(ts []token) bool {
	for k := 0; k+1 < len(ts); k++ {
		switch ts[k].text {
		case "/=", "//=", "*=":
			if factor(ts[k+1]) >= 2 {
				return true
			}
		case ">>=", "<<=", ">>>=":
			if factor(ts[k+1]) >= 1 {
				return true
			}
		}
	}
	return false
}

// factor is the value of an integer literal, 0 for anything else.
func factor(t token) int {
	if t.kind != number {
		return 0
	}
	n, err := strconv.Atoi(t.text)
	if err != nil {
		return 0
	}
	return n
}

// divides reports a division by a constant of at least 2 (n / 10,
// n // 2, n >> 1).
func divides(ts []token) bool {
	for k := 0; k+1 < len(ts); k++ {
		switch ts[k].text {
		case "/", "//":
			if factor(ts[k+1]) >= 2 {
				return true
			}
		case ">>", ">>>":
			if factor(ts[k+1]) >= 1 {
				return true
			}
		}
	}
	return false
}

func halves(ts []token) bool {
	if halvesCompound(ts) {
		return true
	}
	for k := 0; k+1 < len(ts); k++ {
		switch ts[k].text + " " + ts[k+1].text {
		case "/ 2", "// 2", ">> 1", ">>> 1":
			return true
		}
	}
	return false
}

// comparesBounds reports whether a loop header compares two names
// (lo <= hi, left < right).
func comparesBounds(ts []token) bool {
	for k := 1; k+1 < len(ts); k++ {
		switch ts[k].text {
		case "<", "<=", ">", ">=", "!=":
			if ts[k-1].kind == ident && ts[k+1].kind == ident {
				return true
			}
		}
	}
	return false
}

// scannedInside reports whether a loop nested in b walks name again (for
// i in range(len(name))): then each pass of b costs a scan of the
// container, and popping from it pays for nothing.
func (r *reader) scannedInside(name string, b *block) bool {
	for k := b.open + 1; k < b.close; k++ {
		if (r.at(k) != "for" && r.at(k) != "while") || r.toks[k].kind != ident {
			continue
		}
		// the header: a parenthesised one whole, else up to the body
		end := k + 1
		if r.at(k+1) == "(" && !r.py() {
			end = r.closing(k + 1)
		} else {
			for end < b.close && r.at(end) != "{" && r.at(end) != ";" {
				end++
			}
		}
		for j := k + 1; j < min(end, b.close); j++ {
			if r.at(j) == name {
				return true
			}
		}
	}
	return false
}

var popMethods = map[string]bool{
	"pop": true, "popleft": true, "shift": true, "poll": true, "pollFirst": true,
	"pollLast": true, "removeFirst": true, "removeLast": true, "pop_back": true,
	"pop_front": true, "remove": true, "popitem": true, "discard": true, "delete": true, "erase": true,
}

// pops reports whether tokens in [open, close] pop from name or replace it
// (name.pop(), name = name[1:], level = [... for ...]).
func (r *reader) pops(name string, open, close int) bool {
	for k := open; k <= close; k++ {
		if r.at(k) != name {
			continue
		}
		if r.at(k+1) == "." && popMethods[r.at(k+2)] {
			return true
		}
		if r.at(k+1) == "=" && r.at(k+2) == name && r.at(k+3) == "[" {
			return true // Go: stack = stack[:len(stack)-1]
		}
		if r.py() && r.at(k+1) == "=" && r.at(k+2) == "[" {
			cl := r.closing(k + 2)
			for j := k + 3; j < cl; j++ {
				if r.at(j) == "for" {
					return true // level = [child for node in level ...]
				}
			}
		}
	}
	return false
}

// comprehension records the loops of a Python comprehension or generator
// whose bracket opens at i: each "for" directly inside is one more level.
func (r *reader) comprehension(i int) {
	cl := r.closing(i)
	d := 0
	for k := i + 1; k < cl; k++ {
		switch r.at(k) {
		case "(", "[", "{{":
			d++
		case ")", "]", "}}":
			d--
		case "for":
			if d == 0 {
				b := &block{kind: loop, header: k, open: i, close: cl, comprehend: true, factor: cost{n: 1}}
				// the iterable: for x in <iterable> up to if/for/close
				e := k + 1
				for e < cl && r.at(e) != "in" {
					e++
				}
				j := e + 1
				for j < cl && r.at(j) != "for" && r.at(j) != "if" {
					if r.at(j) == "(" || r.at(j) == "[" {
						j = r.closing(j)
					}
					j++
				}
				b.hs, b.he = k+1, j-1
				r.add(b)
			}
		}
	}
}

// maxLoopDepth is the deepest nesting of loops.
func (r *reader) maxLoopDepth() int {
	best := 0
	for _, b := range r.found {
		if b.kind != loop {
			continue
		}
		if d := r.loopsAround(b.header) + 1; d > best {
			best = d
		}
	}
	return best
}

// loopsAround counts the loops whose span holds token i, excluding one
// whose header is at i.
func (r *reader) loopsAround(i int) int {
	n := 0
	for _, b := range r.found {
		if b.kind == loop && b.header != i && r.inside(b, i) {
			n++
		}
	}
	return n
}

func (r *reader) inside(b *block, i int) bool {
	lo := min(b.header, b.open)
	return i >= lo && i <= b.close
}

// costAt multiplies the factors of every loop holding token i.
func (r *reader) costAt(i int) cost {
	c := cost{}
	for _, b := range r.found {
		if b.kind == loop && r.inside(b, i) && !r.inIterable(b, i) {
			c = c.times(b.factor)
		}
	}
	return c
}

// inIterable reports whether token i is in the iterable of a for-each
// loop's header (for c in sorted(coins)), which runs once, not per pass.
func (r *reader) inIterable(b *block, i int) bool {
	if r.at(b.header) != "for" || i < b.hs || i > b.he {
		return false
	}
	texts := make([]string, 0, b.he-b.hs+1)
	for k := b.hs; k <= b.he; k++ {
		texts = append(texts, r.toks[k].text)
	}
	k := iterableStart(texts)
	return k >= 0 && i >= b.hs+k
}

func (r *reader) longestFunc() int {
	best := 0
	for _, b := range r.found {
		if b.kind == fn && b.endLine-b.startLine+1 > best {
			best = b.endLine - b.startLine + 1
		}
	}
	return best
}
