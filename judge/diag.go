package judge

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	javaDiagRe = regexp.MustCompile(`(?m)^Solution\.java:(\d+): error: (.*)$`)
	goDiagRe   = regexp.MustCompile(`(?m)^(?:\./)?solution\.go:(\d+):(\d+): (.*)$`)
	cppDiagRe  = regexp.MustCompile(`(?m)^solution\.cpp:(\d+):(\d+): (?:fatal )?error: (.*)$`)
	tsDiagRe   = regexp.MustCompile(`(?m)main\.ts:(\d+):(\d+):`)
	tsMsgRe    = regexp.MustCompile(`\[ERROR\] (.*)`)
	anyErrRe   = regexp.MustCompile(`(?m)^.*error.*$`)
)

// parseDiagnostics turns a compiler's output into the first error in the
// candidate's own lines and columns.
func parseDiagnostics(lang, code, diag string) CompileError {
	ce := CompileError{Output: cleanDiagnostics(lang, diag)}
	if l, ok := LookupLanguage(lang); ok && l.diagnose != nil {
		l.diagnose(&ce, code, diag)
	}
	if ce.Message == "" {
		ce.Message = strings.TrimSpace(anyErrRe.FindString(ce.Output))
		if ce.Message == "" {
			ce.Message = "the code did not compile"
		}
	}
	if ce.Column < 0 {
		ce.Column = 0
	}
	return ce
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func javaDiagnostics(ce *CompileError, _, diag string) {
	if m := javaDiagRe.FindStringSubmatchIndex(diag); m != nil {
		ce.Line, ce.Message = atoi(diag[m[2]:m[3]]), diag[m[4]:m[5]]
		// javac prints the source line, then a caret under the column.
		rest := strings.SplitN(diag[m[1]:], "\n", 4)
		if len(rest) >= 3 {
			if k := strings.Index(rest[2], "^"); k >= 0 {
				ce.Column = k + 1
				if ce.Line == 1 {
					ce.Column -= len(javaImports)
				}
			}
		}
	}
}

func goDiagnostics(ce *CompileError, _, diag string) {
	if m := goDiagRe.FindStringSubmatch(diag); m != nil {
		ce.Line, ce.Column, ce.Message = atoi(m[1]), atoi(m[2]), m[3]
	}
}

func cppDiagnostics(ce *CompileError, _, diag string) {
	if m := cppDiagRe.FindStringSubmatch(diag); m != nil {
		ce.Line, ce.Column, ce.Message = atoi(m[1]), atoi(m[2]), m[3]
	}
}

func typescriptDiagnostics(ce *CompileError, code, diag string) {
	if m := tsMsgRe.FindStringSubmatch(diag); m != nil {
		ce.Message = strings.TrimSpace(m[1])
	}
	if m := tsDiagRe.FindStringSubmatch(diag); m != nil {
		// esbuild counts columns from 0.
		if l := atoi(m[1]); l <= lineCount(code) {
			ce.Line, ce.Column = l, atoi(m[2])+1
		}
	}
}

// cleanDiagnostics drops the compiler's notes about the generated harness.
func cleanDiagnostics(lang, diag string) string {
	var keep []string
	for _, l := range strings.Split(diag, "\n") {
		if strings.HasPrefix(l, "harness.cpp:") || strings.HasPrefix(l, "harness.go:") || strings.HasPrefix(l, "# ") {
			continue
		}
		if lang == "java" && strings.HasPrefix(l, "Solution.java:1:") {
			l = strings.Replace(l, javaImports, "", 1)
		}
		keep = append(keep, strings.Replace(l, javaImports, "", 1))
	}
	out := strings.TrimSpace(strings.Join(keep, "\n"))
	if len(out) > 8000 {
		out = out[:8000] + "\n…"
	}
	return out
}

func lineCount(code string) int { return strings.Count(code, "\n") + 1 }

var tsFrameRe = regexp.MustCompile(`main\.(?:ts|js):(\d+)`)

// mapTrace finishes a trace the harness already cut down to the candidate's
// frames, in the way of lang.
func mapTrace(lang, code, trace string) string {
	if l, ok := LookupLanguage(lang); ok && l.trace != nil && trace != "" {
		return l.trace(code, trace)
	}
	return trace
}

// typescriptTrace: TypeScript runs as one bundled file, so keep only frames
// that fall in the candidate's lines (those have them when the bundle has a
// source map).
func typescriptTrace(code, trace string) string {
	lines := strings.Split(trace, "\n")
	out := []string{lines[0]}
	n := lineCount(code)
	for _, l := range lines[1:] {
		m := tsFrameRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if k, _ := strconv.Atoi(m[1]); k <= n && strings.Contains(l, "main.ts:") {
			out = append(out, strings.Replace(l, "main.ts:", "solution.ts:", 1))
		}
	}
	if len(out) == 1 {
		return ""
	}
	return strings.Join(out, "\n")
}

// goTrace: a fatal Go error (not a panic the harness recovered) leaves the
// runtime's whole goroutine dump.
func goTrace(_, trace string) string {
	if strings.Contains(trace, "goroutine") {
		return goStderrTrace(trace)
	}
	return trace
}

// goStderrTrace keeps the candidate's frames of a fatal Go error's dump.
func goStderrTrace(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for k := 0; k+1 < len(lines); k++ {
		if strings.HasPrefix(lines[k+1], "\t") && strings.Contains(lines[k+1], "solution.go:") {
			fn := lines[k]
			if p := strings.LastIndex(fn, "("); p > 0 {
				fn = fn[:p]
			}
			loc := lines[k+1][strings.Index(lines[k+1], "solution.go:"):]
			if p := strings.Index(loc, " +0x"); p > 0 {
				loc = loc[:p]
			}
			b.WriteString(strings.TrimPrefix(fn, "main.") + "(...)\n\t" + loc + "\n")
			k++
			if b.Len() > 4000 {
				break
			}
		}
	}
	return b.String()
}
