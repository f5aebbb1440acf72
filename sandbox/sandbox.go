// Package sandbox is the port through which the judge runs untrusted code:
// compile a Program once, run the Build against many inputs, each run in a
// fresh, isolated and resource-limited environment.
//
// Implementations: sandbox/local (go-judge embedded in this process) and
// sandbox/remote (a go-judge server over its REST API). Both pass the
// conformance and abuse suite in sandbox/sandboxtest.
package sandbox

import (
	"context"
	"fmt"
	"time"

	"github.com/mockroom/mockroom"
)

// Language names a toolchain.
type Language string

const (
	Python     Language = "python"
	JavaScript Language = "javascript"
	TypeScript Language = "typescript"
	Java       Language = "java"
	Go         Language = "go"
	Cpp        Language = "cpp"
)

// AllLanguages lists every language the port knows, in a stable order.
func AllLanguages() []Language {
	return []Language{Python, JavaScript, TypeScript, Java, Go, Cpp}
}

// Valid reports whether l is a language the port knows.
func (l Language) Valid() bool {
	for _, k := range AllLanguages() {
		if k == l {
			return true
		}
	}
	return false
}

// Limits bounds one compile or run. Zero fields take the defaults.
type Limits struct {
	CPUTime     time.Duration // CPU time summed over every process of the run
	WallTime    time.Duration // real time
	MemoryBytes int64         // cgroup memory limit (never RLIMIT_AS: the JVM and V8 reserve far more than they use)
	MaxProcs    int           // processes and threads together
	OutputBytes int64         // budget for stdout and for stderr, each; over it the run is killed: StatusOutputLimit
}

// DefaultLimits are the seed's limits for one run.
func DefaultLimits() Limits {
	return Limits{
		CPUTime:     5 * time.Second,
		WallTime:    5 * time.Second,
		MemoryBytes: 512 << 20,
		MaxProcs:    64,
		OutputBytes: 1 << 20,
	}
}

// WithDefaults fills zero (or negative) fields from DefaultLimits.
func (l Limits) WithDefaults() Limits { return l.FillFrom(DefaultLimits()) }

// FillFrom fills zero (or negative) fields of l from d.
func (l Limits) FillFrom(d Limits) Limits {
	if l.CPUTime <= 0 {
		l.CPUTime = d.CPUTime
	}
	if l.WallTime <= 0 {
		l.WallTime = d.WallTime
	}
	if l.MemoryBytes <= 0 {
		l.MemoryBytes = d.MemoryBytes
	}
	if l.MaxProcs <= 0 {
		l.MaxProcs = d.MaxProcs
	}
	if l.OutputBytes <= 0 {
		l.OutputBytes = d.OutputBytes
	}
	return l
}

// Program is source code to compile.
type Program struct {
	Language Language
	// Files maps relative names to contents, e.g. "main.py", or "Main.java" and
	// "Solution.java". Names must be plain relative paths without "..".
	Files map[string][]byte
	// SkipCheck skips the syntax-check process that Python and JavaScript
	// otherwise run as their compile step. Set it when the program reports
	// syntax errors itself (the judge's harnesses compile the candidate's
	// code inside the run): it saves a process start per execution.
	SkipCheck bool
}

// Status is the verdict of one run, from the sandbox's point of view.
type Status string

const (
	StatusOK            Status = "ok"
	StatusCompileError  Status = "compile_error"
	StatusRuntimeError  Status = "runtime_error"
	StatusTimeLimit     Status = "time_limit"
	StatusMemoryLimit   Status = "memory_limit"
	StatusOutputLimit   Status = "output_limit"
	StatusInternalError Status = "internal_error"
)

// Result is what one run produced.
type Result struct {
	Status   Status
	ExitCode int
	Signal   string // e.g. "SIGSEGV" when a signal killed the program
	Stdout   []byte // at most Limits.OutputBytes
	Stderr   []byte // at most Limits.OutputBytes
	CPUTime  time.Duration
	WallTime time.Duration
	Memory   int64 // peak bytes
}

// Build is the compiled form of a program, opaque to callers and reusable for
// many runs. OK is false when the program did not compile; Diagnostics then
// holds the compiler's output (with line and column where the compiler gives
// them).
type Build struct {
	Language    Language
	OK          bool
	Diagnostics string

	artifact any // what the implementation needs to run it
}

// NewBuild is for Runner implementations: it wraps their artifact.
func NewBuild(lang Language, ok bool, diagnostics string, artifact any) *Build {
	return &Build{Language: lang, OK: ok, Diagnostics: diagnostics, artifact: artifact}
}

// Artifact is for Runner implementations: it returns what NewBuild wrapped.
func (b *Build) Artifact() any {
	if b == nil {
		return nil
	}
	return b.artifact
}

// Runner compiles and runs untrusted programs.
type Runner interface {
	// Languages lists the languages whose toolchains this runner found.
	Languages() []Language
	// Compile checks and packages p. The error is only for an infrastructure
	// failure or bad input; a compile error is a Build with OK false.
	Compile(ctx context.Context, p Program, lim Limits) (*Build, error)
	// Run runs b once with stdin. A program's failure is a Result status,
	// never an error.
	Run(ctx context.Context, b *Build, stdin []byte, lim Limits) (*Result, error)
	// Close stops the runner and removes everything it set up on the host.
	Close() error
}

// ErrLanguageUnavailable is returned by Compile for a known language whose
// toolchain is not installed where the runner runs. Test with errors.Is.
var ErrLanguageUnavailable = &mockroom.Error{Kind: mockroom.KindUnavailable, Code: "language_unavailable", Message: "this language is not available on this server"}

// LanguageUnavailable returns an error naming lang that matches
// ErrLanguageUnavailable under errors.Is.
func LanguageUnavailable(lang Language) error {
	return &mockroom.Error{Kind: mockroom.KindUnavailable, Code: "language_unavailable",
		Message: fmt.Sprintf("the %s toolchain is not available on this server", lang), Err: ErrLanguageUnavailable}
}

// ValidateProgram checks p's shape: a known language, at least one file, safe
// relative names, and a total size within maxBytes.
func ValidateProgram(p Program, maxBytes int) error {
	if !p.Language.Valid() {
		return mockroom.Errorf(mockroom.KindInvalid, "unknown_language", "unknown language %q", string(p.Language))
	}
	if len(p.Files) == 0 {
		return mockroom.Errorf(mockroom.KindInvalid, "no_files", "the program has no files")
	}
	total := 0
	for name, content := range p.Files {
		if !safeName(name) {
			return mockroom.Errorf(mockroom.KindInvalid, "bad_file_name", "file name %q is not allowed", name)
		}
		total += len(content)
	}
	if total > maxBytes {
		return mockroom.Errorf(mockroom.KindTooLarge, "program_too_large", "the program is larger than %d bytes", maxBytes)
	}
	return nil
}

// safeName accepts a plain file name: letters, digits, '_', '-', '.', at most
// 64 bytes, not starting with '.'. No directories, so no traversal.
func safeName(n string) bool {
	if n == "" || len(n) > 64 || n[0] == '.' {
		return false
	}
	for _, c := range n {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-', c == '.':
		default:
			return false
		}
	}
	return true
}

// SignalName returns the conventional name of a Linux signal number.
func SignalName(sig int) string {
	names := map[int]string{1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
		8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
		24: "SIGXCPU", 25: "SIGXFSZ", 31: "SIGSYS"}
	if n, ok := names[sig]; ok {
		return n
	}
	return fmt.Sprintf("SIG%d", sig)
}
