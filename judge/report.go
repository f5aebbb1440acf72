package judge

import "encoding/json"

// Mode says which tests a submission runs.
type Mode string

const (
	ModeRun    Mode = "run"    // the examples, plus an optional custom input
	ModeSubmit Mode = "submit" // every test; hidden ones reported only as counts
)

// Enum lists the modes for the API's schema (swaggest/jsonschema-go).
func (Mode) Enum() []any { return []any{ModeRun, ModeSubmit} }

// Verdict is the outcome of one test, or of a whole submission.
type Verdict string

const (
	Accepted      Verdict = "accepted"
	WrongAnswer   Verdict = "wrong_answer"
	TimeLimit     Verdict = "time_limit"
	MemoryLimit   Verdict = "memory_limit"
	OutputLimit   Verdict = "output_limit"
	RuntimeError  Verdict = "runtime_error"
	CompileErr    Verdict = "compile_error"
	NotRun        Verdict = "not_run"        // an earlier test ended the process
	Ran           Verdict = "ran"            // a custom input finished; there is nothing to compare with
	InternalError Verdict = "internal_error" // our fault, logged
)

// Enum lists every verdict for the API's schema (swaggest/jsonschema-go),
// so the web app's generated types carry them.
func (Verdict) Enum() []any {
	return []any{Accepted, WrongAnswer, TimeLimit, MemoryLimit, OutputLimit, RuntimeError, CompileErr, NotRun, Ran, InternalError}
}

// Report is what a results console shows for one execution.
type Report struct {
	Mode     Mode   `json:"mode"`
	Language string `json:"language"`
	// Status is accepted when every input finished well (the counted tests
	// passed, a custom input ran), else the verdict of the first that did not.
	Status       Verdict       `json:"status"`
	Passed       int           `json:"passed"`
	Total        int           `json:"total"` // counted tests: the examples (run) or all tests (submit)
	CompileError *CompileError `json:"compile_error,omitempty"`
	// Error explains a failure that is not one test's, e.g. an exception while
	// the candidate's code was loaded.
	Error  string         `json:"error,omitempty"`
	Trace  string         `json:"trace,omitempty"`
	Tests  []TestResult   `json:"tests"` // visible tests, in order, then the custom input
	Hidden *HiddenSummary `json:"hidden,omitempty"`
	// CPUTimeMS and MemoryKB are the sandbox's measurements of the whole
	// run (the runtime's start-up included): nothing the program reports
	// about itself. A submission's are rounded (see coarsen).
	CPUTimeMS float64 `json:"cpu_time_ms"`
	MemoryKB  int64   `json:"memory_kb"` // peak
}

// SlowestTestCPUMS is the most CPU time one counted test took, as its
// harness measured it; 0 in a candidate's submit report.
func (r *Report) SlowestTestCPUMS() float64 {
	var max float64
	for _, t := range r.Tests {
		if !t.Custom && t.CPUTimeMS > max {
			max = t.CPUTimeMS
		}
	}
	return max
}

// CompileError points at the candidate's own code.
type CompileError struct {
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Output  string `json:"output,omitempty"` // the compiler's full text
}

// TestResult is one visible test (or, for authors' tools, any test).
type TestResult struct {
	Index   int     `json:"index"`
	Name    string  `json:"name"`
	Verdict Verdict `json:"verdict"`
	Hidden  bool    `json:"hidden,omitempty"`
	Custom  bool    `json:"custom,omitempty"`
	// CPUTimeMS is the test's CPU time as the harness measured it, in the
	// program's own process: shown for a run (no hidden input there) and to
	// authors, never in a candidate's submit report.
	CPUTimeMS float64         `json:"cpu_time_ms,omitempty"`
	MemoryKB  int64           `json:"memory_kb,omitempty"` // the run's peak
	Input     json.RawMessage `json:"input"`
	Expected  json.RawMessage `json:"expected,omitempty"`
	Got       json.RawMessage `json:"got,omitempty"`
	Stdout    string          `json:"stdout,omitempty"`
	Stderr    string          `json:"stderr,omitempty"`
	Error     string          `json:"error,omitempty"`
	Trace     string          `json:"trace,omitempty"`
}

// HiddenSummary is all a candidate learns about hidden tests.
type HiddenSummary struct {
	Passed       int             `json:"passed"`
	Total        int             `json:"total"`
	Verdicts     map[Verdict]int `json:"verdicts"`
	FirstFailure Verdict         `json:"first_failure,omitempty"`
}
