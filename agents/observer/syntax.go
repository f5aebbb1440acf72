package observer

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/sandbox"
)

// SyntaxChecker finds syntax errors with each language's own toolchain, run
// in the sandbox: never a model, never a guess. Python, JavaScript and
// TypeScript check the candidate's file alone (py_compile, node --check,
// esbuild), so lines are the candidate's. Java, Go and C++ compile the
// judge's whole program, because the candidate's code uses names the
// harness defines (ListNode, the imports); the judge's driver keeps the
// candidate's file and lines (Solution.java, //line solution.go, #line
// solution.cpp), and only errors in those lines are reported.
type SyntaxChecker struct {
	runner sandbox.Runner
	limits sandbox.Limits
	slots  chan struct{} // checks at once: they share the sandbox with the judge
}

// MaxConcurrentChecks bounds the toolchain checks running at once, so that
// many typing candidates never crowd out the judge's runs.
const MaxConcurrentChecks = 2

// checkLimits bound one check: a JVM's javac is the slowest, about 1.5 s.
var checkLimits = sandbox.Limits{CPUTime: 10 * time.Second, WallTime: 20 * time.Second, MemoryBytes: 512 << 20}

// NewSyntaxChecker checks code with runner.
func NewSyntaxChecker(runner sandbox.Runner) *SyntaxChecker {
	return &SyntaxChecker{runner: runner, limits: checkLimits, slots: make(chan struct{}, MaxConcurrentChecks)}
}

// Languages lists the languages whose toolchain the runner has.
func (c *SyntaxChecker) Languages() []string {
	var out []string
	for _, l := range c.runner.Languages() {
		out = append(out, string(l))
	}
	return out
}

// maxSyntaxErrors is how many markers one check reports: past the first few
// a compiler's errors are mostly echoes of the first.
const maxSyntaxErrors = 10

// Check returns the syntax errors in code, at 1-based lines of code. p gives
// the judge's program for compiled languages; it may be nil for the others.
// The error is for the toolchain being unavailable or the sandbox failing,
// never for the candidate's code.
func (c *SyntaxChecker) Check(ctx context.Context, p *problem.Problem, language, code string) ([]interview.SyntaxError, error) {
	errs, _, err := c.CheckProgram(ctx, p, language, code)
	return errs, err
}

// CheckProgram is Check that also says whether the toolchain accepted the
// program: false with no errors on the candidate's lines is a program that
// fails for another reason (a Go or C++ function named otherwise than the
// harness calls), which a run would report.
func (c *SyntaxChecker) CheckProgram(ctx context.Context, p *problem.Problem, language, code string) (errs []interview.SyntaxError, compiles bool, err error) {
	files, err := programFiles(p, language, code)
	if err != nil {
		return nil, false, err
	}
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	b, err := c.runner.Compile(ctx, sandbox.Program{Language: sandbox.Language(language), Files: files}, c.limits)
	if err != nil {
		return nil, false, err
	}
	if b.OK {
		return nil, true, nil
	}
	errs = parseDiagnostics(language, b.Diagnostics, lineCount(code), lastCodeLine(code))
	if len(errs) > maxSyntaxErrors {
		errs = errs[:maxSyntaxErrors]
	}
	return errs, false, nil
}

func programFiles(p *problem.Problem, language, code string) (map[string][]byte, error) {
	switch language {
	case "python":
		return map[string][]byte{"main.py": []byte(code)}, nil
	case "javascript":
		return map[string][]byte{"main.js": []byte(code)}, nil
	case "typescript":
		return map[string][]byte{"main.ts": []byte(code)}, nil
	}
	if p == nil {
		return nil, sandbox.LanguageUnavailable(sandbox.Language(language))
	}
	spec, err := judge.ParseSpec(p.Spec)
	if err != nil {
		return nil, err
	}
	return judge.Driver(spec, language, code)
}

var (
	pyLineRe  = regexp.MustCompile(`File "[^"]*main\.py", line (\d+)`)
	pyMsgRe   = regexp.MustCompile(`(?m)^(\w*Error): (.*)$`)
	pySorryRe = regexp.MustCompile(`(?m)^Sorry: (\w*Error): (.*) \([^()]*main\.py, line (\d+)\)$`)
	jsLineRe  = regexp.MustCompile(`(?m)main\.js:(\d+)$`)
	jsMsgRe   = regexp.MustCompile(`(?m)^(SyntaxError: .*)$`)
	tsRe      = regexp.MustCompile(`(?m)\[ERROR\] (.*)\n\s*\n?\s*main\.ts:(\d+):(\d+):`)
	javaRe    = regexp.MustCompile(`(?m)^Solution\.java:(\d+): error: (.*)$`)
	goRe      = regexp.MustCompile(`(?m)^(?:\./)?solution\.go:(\d+):(\d+): (.*)$`)
	cppRe     = regexp.MustCompile(`(?m)^solution\.cpp:(\d+):(\d+): (?:fatal )?error: (.*)$`)
	// a syntax error the compiler finds only in the harness after the
	// candidate's code: something the candidate opened was never closed
	harnessRe = regexp.MustCompile(`(?m)^harness\.(?:go|cpp):\d+:\d+: (?:fatal )?(?:error: )?(.*(?:syntax error|expected|end of input).*)$`)
)

// parseDiagnostics reads a toolchain's output into errors on lines 1..lines
// of the candidate's code, in line order, one per line and message.
func parseDiagnostics(language, diag string, lines, lastLine int) []interview.SyntaxError {
	var out []interview.SyntaxError
	add := func(line, col int, msg string) {
		msg = strings.TrimSpace(msg)
		if line < 1 || line > lines || msg == "" {
			return // the harness's lines, or none at all
		}
		out = append(out, interview.SyntaxError{Line: line, Column: max(col, 0), Message: msg})
	}
	switch language {
	case "python":
		if m := pySorryRe.FindStringSubmatch(diag); m != nil {
			add(atoi(m[3]), 0, m[1]+": "+m[2])
		} else if l, msg := pyLineRe.FindStringSubmatch(diag), pyMsgRe.FindAllStringSubmatch(diag, -1); l != nil && msg != nil {
			last := msg[len(msg)-1]
			add(atoi(l[1]), 0, last[1]+": "+last[2])
		}
	case "javascript":
		if l, msg := jsLineRe.FindStringSubmatch(diag), jsMsgRe.FindStringSubmatch(diag); l != nil && msg != nil {
			add(atoi(l[1]), 0, msg[1])
		}
	case "typescript":
		for _, m := range tsRe.FindAllStringSubmatch(diag, -1) {
			add(atoi(m[2]), atoi(m[3])+1, m[1]) // esbuild counts columns from 0
		}
	case "java":
		for _, m := range javaRe.FindAllStringSubmatch(diag, -1) {
			add(atoi(m[1]), 0, m[2])
		}
	case "go":
		for _, m := range goRe.FindAllStringSubmatch(diag, -1) {
			add(atoi(m[1]), atoi(m[2]), m[3])
		}
	case "cpp":
		for _, m := range cppRe.FindAllStringSubmatch(diag, -1) {
			add(atoi(m[1]), atoi(m[2]), m[3])
		}
	}
	if len(out) == 0 && (language == "go" || language == "cpp") {
		if m := harnessRe.FindStringSubmatch(diag); m != nil {
			add(lastLine, 0, m[1]+" (at the end of your code: is something left open?)")
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	// one marker per line and message: compilers repeat themselves
	var uniq []interview.SyntaxError
	for _, e := range out {
		if n := len(uniq); n > 0 && uniq[n-1].Line == e.Line && uniq[n-1].Message == e.Message {
			continue
		}
		uniq = append(uniq, e)
	}
	return uniq
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// lastCodeLine is the 1-based line of the last non-blank line of code.
func lastCodeLine(code string) int {
	lines := strings.Split(code, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return i + 1
		}
	}
	return 1
}

func lineCount(code string) int { return strings.Count(code, "\n") + 1 }
