package codeanalysis

import (
	"strings"
	"unicode"
)

// token is one lexeme of the code after comments are dropped. Strings and
// characters become a single token of kind str, so nothing written inside a
// string (a "for", a brace, a print) is ever read as code.
type token struct {
	text string
	kind tokKind
	line int // 1-based
}

type tokKind int

const (
	ident tokKind = iota
	number
	str
	punct
)

// operators the scanner keeps whole, longest first.
var operators = []string{
	">>>=", "//=", ">>=", "<<=", ">>>", "...",
	"<=", ">=", "==", "!=", "=>", "->", "::", ":=", "//", ">>", "<<",
	"/=", "*=", "+=", "-=", "&&", "||", "++", "--", "**",
}

// lex splits code into tokens. Python comments start with #, the others'
// with // or /* */; Python's // is floor division. Python's indentation
// becomes braces: a line ending in ':' opens a block that closes at the
// next line indented no deeper, so one block walker reads all six
// languages.
func lex(language, code string) []token {
	py := language == "python"
	var toks []token
	line := 1
	i := 0
	n := len(code)
	// Python: indentation stack and whether the last logical line ended
	// with ':' at bracket depth zero.
	indents := []int{0}
	depth := 0 // bracket depth, to join Python's continued lines
	atLineStart := true
	for i < n {
		c := code[i]
		if py && atLineStart && depth == 0 {
			// measure the indentation of a line that holds code
			j, col := i, 0
			for j < n && (code[j] == ' ' || code[j] == '\t') {
				if code[j] == '\t' {
					col += 8 - col%8
				} else {
					col++
				}
				j++
			}
			if j < n && code[j] != '\n' && code[j] != '\r' && code[j] != '#' {
				opened := len(toks) > 0 && toks[len(toks)-1].text == "{" && toks[len(toks)-1].kind == punct && toks[len(toks)-1].line == -1
				if opened {
					toks[len(toks)-1].line = line
					indents = append(indents, col)
				}
				for len(indents) > 1 && col < indents[len(indents)-1] {
					indents = indents[:len(indents)-1]
					toks = append(toks, token{"}", punct, line})
				}
			}
			atLineStart = false
			i = j
			continue
		}
		switch {
		case c == '\n':
			if py && depth == 0 && len(toks) > 0 {
				last := toks[len(toks)-1]
				if last.text == ":" && last.kind == punct {
					// a block opens; the brace's line is set when the
					// block's first line is read (line -1 marks it pending)
					toks[len(toks)-1] = token{"{", punct, -1}
				} else if last.text != ";" && last.text != "{" && last.text != "}" {
					toks = append(toks, token{";", punct, line})
				}
			}
			line++
			i++
			atLineStart = true
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\\' && py && i+1 < n && code[i+1] == '\n':
			i += 2
			line++
		case py && c == '#':
			for i < n && code[i] != '\n' {
				i++
			}
		case !py && c == '/' && i+1 < n && code[i+1] == '/':
			for i < n && code[i] != '\n' {
				i++
			}
		case !py && c == '/' && i+1 < n && code[i+1] == '*':
			i += 2
			for i < n && !(code[i] == '*' && i+1 < n && code[i+1] == '/') {
				if code[i] == '\n' {
					line++
				}
				i++
			}
			i += 2
		case c == '"' || c == '\'' || c == '`':
			start := line
			i, line = skipString(code, i, line, py)
			toks = append(toks, token{`"s"`, str, start})
		case isIdentStart(c):
			j := i
			for j < n && isIdentPart(code[j]) {
				j++
			}
			word := code[i:j]
			// Python string prefixes: f"...", rb'...'
			if py && j < n && (code[j] == '"' || code[j] == '\'') && len(word) <= 2 && strings.Trim(strings.ToLower(word), "rbuf") == "" {
				start := line
				i, line = skipString(code, j, line, py)
				toks = append(toks, token{`"s"`, str, start})
				continue
			}
			toks = append(toks, token{word, ident, line})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < n && (isIdentPart(code[j]) || code[j] == '.') {
				j++
			}
			toks = append(toks, token{code[i:j], number, line})
			i = j
		default:
			op := string(c)
			for _, o := range operators {
				if strings.HasPrefix(code[i:], o) {
					op = o
					break
				}
			}
			if op == "//" && !py {
				op = "/"
			}
			if op == "::" && py {
				op = ":" // s[::-1] is a slice
			}
			switch op {
			case "(", "[":
				depth++
			case ")", "]":
				if depth > 0 {
					depth--
				}
			case "{":
				if py {
					depth++
				}
			case "}":
				if py && depth > 0 {
					depth--
				}
			}
			text := op
			if py && (op == "{" || op == "}") {
				text = op + op // a dict or set literal: single braces are blocks
			}
			toks = append(toks, token{text, punct, line})
			i += len(op)
		}
	}
	if py {
		if len(toks) > 0 && toks[len(toks)-1].line == -1 {
			toks[len(toks)-1].line = line
		}
		for len(indents) > 1 {
			indents = indents[:len(indents)-1]
			toks = append(toks, token{"}", punct, line})
		}
	}
	return toks
}

// skipString returns the index after the string literal starting at i.
func skipString(code string, i, line int, py bool) (int, int) {
	n := len(code)
	q := code[i]
	if py && strings.HasPrefix(code[i:], strings.Repeat(string(q), 3)) {
		end := strings.Index(code[i+3:], strings.Repeat(string(q), 3))
		if end < 0 {
			return n, line + strings.Count(code[i:], "\n")
		}
		stop := i + 3 + end + 3
		return stop, line + strings.Count(code[i:stop], "\n")
	}
	j := i + 1
	for j < n && code[j] != q {
		if code[j] == '\\' {
			j++
		} else if code[j] == '\n' {
			if q != '`' {
				break // an unterminated string ends at the line
			}
			line++
		}
		j++
	}
	if j < n && code[j] == q {
		j++
	}
	return j, line
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || unicode.IsLetter(rune(c))
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9')
}
