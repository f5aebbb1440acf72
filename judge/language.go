package judge

import (
	"slices"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/sandbox"
)

// Language is everything the product knows about one language the judge
// offers. Adding a language is one entry in registry, its harness runtime
// under harness/<name>/ and the sandbox's compile and run recipe for the
// same name (sandbox/toolchain); every other place looks it up here.
type Language struct {
	Name string // the sandbox's and the API's name

	// SolutionFile is a solution's file name in a problem folder. Go's is
	// solution.go.txt: a .go file there would be a broken package to the
	// go command (go vet ./... and go test ./... would fail on it).
	SolutionFile string
	// Compiled is true when a compile step rejects code before any test
	// runs: an empty starter body fails without running (Java and Go reject
	// a missing return) or returns garbage (C++).
	Compiled bool
	// startup is the CPU the runtime needs before the first test.
	startup time.Duration

	starter func(*Spec) string
	// driver returns the files of the program that runs code against the
	// tests given on stdin (see Driver).
	driver func(s *Spec, code string) map[string][]byte
	// diagnose fills ce's line, column and message from a compiler's
	// output; nil leaves the generic first "error" line.
	diagnose func(ce *CompileError, code, diag string)
	// trace finishes a trace the harness cut down to the candidate's
	// frames; nil keeps it as it is.
	trace func(code, trace string) string
}

// registry lists the languages in display order.
var registry = []Language{
	{Name: "python", SolutionFile: "solution.py",
		startup: 500 * time.Millisecond, starter: pythonStarter, driver: pythonDriver},
	{Name: "javascript", SolutionFile: "solution.js",
		startup: 500 * time.Millisecond, starter: javascriptStarter, driver: javascriptDriver},
	{Name: "typescript", SolutionFile: "solution.ts",
		startup: 500 * time.Millisecond, starter: typescriptStarter, driver: typescriptDriver,
		diagnose: typescriptDiagnostics, trace: typescriptTrace},
	{Name: "java", SolutionFile: "Solution.java", Compiled: true,
		startup: 2 * time.Second, starter: javaStarter, driver: javaDriver, diagnose: javaDiagnostics},
	{Name: "go", SolutionFile: "solution.go.txt", Compiled: true,
		startup: 200 * time.Millisecond, starter: goStarter, driver: goDriver, diagnose: goDiagnostics, trace: goTrace},
	{Name: "cpp", SolutionFile: "solution.cpp", Compiled: true,
		startup: 200 * time.Millisecond, starter: cppStarter, driver: cppDriver, diagnose: cppDiagnostics},
}

// Languages returns every language the judge can generate a harness for, in
// display order.
func Languages() []Language { return slices.Clone(registry) }

// LanguageNames returns the names of Languages, in the same order.
func LanguageNames() []string {
	names := make([]string, len(registry))
	for i, l := range registry {
		names[i] = l.Name
	}
	return names
}

// LookupLanguage returns the language called name.
func LookupLanguage(name string) (Language, bool) {
	i := slices.IndexFunc(registry, func(l Language) bool { return l.Name == name })
	if i < 0 {
		return Language{}, false
	}
	return registry[i], true
}

func knownLanguage(name string) bool {
	_, ok := LookupLanguage(name)
	return ok
}

// sandboxLanguage is the sandbox recipe l runs with: the one of the same name.
func (l Language) sandboxLanguage() sandbox.Language { return sandbox.Language(l.Name) }

// Starter returns the code a candidate starts from.
func Starter(s *Spec, lang string) (string, error) {
	l, ok := LookupLanguage(lang)
	if !ok {
		return "", unsupported(lang)
	}
	return l.starter(s), nil
}

// StarterCode returns the starter code for each of langs.
func StarterCode(s *Spec, langs []string) map[string]string {
	out := make(map[string]string, len(langs))
	for _, name := range langs {
		if l, ok := LookupLanguage(name); ok {
			out[name] = l.starter(s)
		}
	}
	return out
}

// Driver returns the files of the program that runs code (the candidate's
// source) against the tests given on stdin. The program never sees expected
// outputs: it prints results and the judge compares them outside.
func Driver(s *Spec, lang, code string) (map[string][]byte, error) {
	l, ok := LookupLanguage(lang)
	if !ok {
		return nil, unsupported(lang)
	}
	return l.driver(s, strings.ReplaceAll(code, "\r\n", "\n")), nil
}

func unsupported(lang string) error {
	return mockroom.Errorf(mockroom.KindInvalid, "unsupported_language", "language %q is not supported", lang)
}

// solutionLine marks where a runtime takes the candidate's code: a comment,
// so that the runtime alone is still valid to its language's checker.
const solutionLine = "// @@SOLUTION@@\n"

// splitRuntime cuts a runtime at its solutionLine.
func splitRuntime(rt string) (head, tail string) {
	head, tail, ok := strings.Cut(rt, solutionLine)
	if !ok {
		panic("judge: a harness runtime has no " + strings.TrimSpace(solutionLine) + " line")
	}
	return head, tail
}
