package judge

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/sandbox"
)

// MaxCodeBytes is the seed's limit on a candidate's code.
const MaxCodeBytes = 50 << 10

// TestSource gives the judge every test of a problem. problem.Store is one.
type TestSource interface {
	AllTests(ctx context.Context, problemID string) ([]problem.TestCase, error)
}

// Service judges code. It is safe for concurrent use.
type Service struct {
	runner sandbox.Runner
	tests  TestSource
	log    *slog.Logger
	admit  admission.Queue
}

// NewService returns a judge that runs code with runner and reads tests
// (hidden ones included) from tests. Executions wait for their place in an
// in-memory admission queue under the default limits until SetAdmission
// replaces it.
func NewService(runner sandbox.Runner, tests TestSource, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{runner: runner, tests: tests, log: log, admit: admission.NewMemory(admission.Limits{})}
}

// Runner is the sandbox the judge runs code in.
func (s *Service) Runner() sandbox.Runner { return s.runner }

// SetAdmission puts executions behind q; call it before the judge is used.
func (s *Service) SetAdmission(q admission.Queue) { s.admit = q }

// Languages lists the languages both the sandbox and the judge support.
func (s *Service) Languages() []string {
	var out []string
	have := s.runner.Languages()
	for _, l := range registry {
		if slices.Contains(have, l.sandboxLanguage()) {
			out = append(out, l.Name)
		}
	}
	return out
}

// Request is one execution.
type Request struct {
	Problem  *problem.Problem
	Language string
	Code     string
	Mode     Mode
	// CustomInput is, in run mode, an input object (the signature's
	// parameters) run after the examples, with nothing to compare against.
	CustomInput json.RawMessage
	// Queued, when set, hears where the execution stands while it waits for
	// a place in the sandbox (see admission.Ticket.Waiting).
	Queued func(admission.Place)
}

// Execute judges req for a candidate: hidden tests appear only as counts,
// and a submission's report carries nothing its program controls.
func (s *Service) Execute(ctx context.Context, req Request) (*Report, error) {
	rep, err := s.execute(ctx, req, false)
	if err == nil && req.Mode == ModeSubmit {
		withholdProgramOutput(rep)
	}
	return rep, mockroom.Wrap("judge.Execute", err)
}

// ExecuteAll judges req and reports every test in full, hidden ones
// included. It is for problem authors' tools (mockroom judge, problems
// verify), never for a candidate.
func (s *Service) ExecuteAll(ctx context.Context, req Request) (*Report, error) {
	rep, err := s.execute(ctx, req, true)
	return rep, mockroom.Wrap("judge.ExecuteAll", err)
}

// runCase is one test as the harness runs it.
type runCase struct {
	tc     problem.TestCase
	name   string
	custom bool
}

func (s *Service) execute(ctx context.Context, req Request, reveal bool) (*Report, error) {
	p := req.Problem
	if p == nil {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "no_problem", "no problem given")
	}
	spec, err := ParseSpec(p.Spec)
	if err != nil {
		s.log.Error("judge: problem has a bad spec", "problem", p.Slug, "error", err)
		return nil, mockroom.Errorf(mockroom.KindInternal, "bad_spec", "this problem cannot be judged")
	}
	language, ok := LookupLanguage(req.Language)
	if !ok || !slices.Contains(s.Languages(), req.Language) {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "unsupported_language", "language %q is not available", req.Language)
	}
	if len(req.Code) > MaxCodeBytes {
		return nil, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB", MaxCodeBytes>>10)
	}
	if strings.TrimSpace(req.Code) == "" {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "empty_code", "there is no code to run")
	}
	if req.Mode != ModeRun && req.Mode != ModeSubmit {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "bad_mode", "mode must be run or submit")
	}
	check, ok := CheckerFor(spec, p.Slug)
	if !ok {
		s.log.Error("judge: no checker", "problem", p.Slug, "checker", spec.Checker)
		return nil, mockroom.Errorf(mockroom.KindInternal, "no_checker", "this problem cannot be judged")
	}

	all, err := s.tests.AllTests(mockroom.AsService(ctx), p.ID)
	if err != nil {
		return nil, err
	}
	var cases []runCase
	for i, tc := range all {
		if req.Mode == ModeRun && (!tc.IsExample || tc.IsHidden) {
			continue
		}
		cases = append(cases, runCase{tc: tc, name: testName(tc, i)})
	}
	if req.Mode == ModeRun && len(bytes.TrimSpace(req.CustomInput)) > 0 {
		in, err := validateInput(spec, req.CustomInput)
		if err != nil {
			return nil, mockroom.Errorf(mockroom.KindInvalid, "bad_custom_input", "custom input: %v", err)
		}
		cases = append(cases, runCase{tc: problem.TestCase{Input: in}, name: "custom input", custom: true})
	}
	if len(cases) == 0 {
		return nil, mockroom.Errorf(mockroom.KindInternal, "no_tests", "this problem has no tests")
	}

	files, err := Driver(spec, req.Language, req.Code)
	if err != nil {
		return nil, err
	}
	release, err := s.admitRun(ctx, req, spec, len(cases), reveal)
	if err != nil {
		return nil, err
	}
	defer release()
	build, err := s.runner.Compile(ctx, sandbox.Program{Language: language.sandboxLanguage(), Files: files, SkipCheck: true}, compileLimits)
	if err != nil {
		return nil, err
	}
	rep := &Report{Mode: req.Mode, Language: req.Language}
	results := make([]TestResult, len(cases))
	for i, c := range cases {
		results[i] = TestResult{Index: i, Name: c.name, Verdict: NotRun, Input: c.tc.Input, Custom: c.custom, Hidden: c.tc.IsHidden}
	}
	if !build.OK {
		ce := parseDiagnostics(req.Language, req.Code, build.Diagnostics)
		rep.CompileError = &ce
		rep.Status = CompileErr
		return finish(rep, cases, results, reveal), nil
	}

	marker := newMarker()
	stdin, err := json.Marshal(map[string]any{"marker": marker, "time_limit_ms": spec.LimitMS(req.Language), "tests": inputs(cases)})
	if err != nil {
		return nil, err
	}
	res, err := s.runner.Run(ctx, build, stdin, runLimits(req.Language, spec, len(cases)))
	if err != nil {
		return nil, err
	}
	s.collect(rep, req, spec, check, cases, results, marker, res, reveal)
	return finish(rep, cases, results, reveal), nil
}

// admitRun waits for the execution's place in the sandbox, held from the
// compile to the end of the run. A candidate's executions count against
// their own cap too; the authors' tools (reveal) only against the server's.
func (s *Service) admitRun(ctx context.Context, req Request, spec *Spec, n int, reveal bool) (func(), error) {
	t := admission.Ticket{Memory: max(compileLimits.WithDefaults().MemoryBytes, runLimits(req.Language, spec, n).MemoryBytes), Waiting: req.Queued}
	if a := mockroom.ActorFrom(ctx); a.Role == mockroom.RoleUser && !reveal {
		t.User = a.UserID
	}
	return s.admit.Admit(ctx, t)
}

func testName(tc problem.TestCase, i int) string {
	if tc.IsExample {
		return fmt.Sprintf("Example %d", i+1)
	}
	return fmt.Sprintf("Test %d", i+1)
}

func inputs(cases []runCase) []json.RawMessage {
	out := make([]json.RawMessage, len(cases))
	for i, c := range cases {
		out[i] = c.tc.Input
	}
	return out
}

func newMarker() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "@@mr:" + hex.EncodeToString(b) + "@@"
}

// compileLimits leave the sandbox's CPU budget for compilers but allow a
// long wall time: g++ on <bits/stdc++.h> crawls when the cores are busy.
var compileLimits = sandbox.Limits{CPUTime: 15 * time.Second, WallTime: 45 * time.Second}

// runLimits bounds the one process of a submission. The harness stops a
// single test at the spec's limit for lang (CPU time); the process as a
// whole gets the runtime's start-up, two tests' worth at the limit and a
// little per test.
// Only this bound is trusted: the harness shares its process with the
// candidate's code, which can switch the watchdog off or forge its lines, so
// its per-test timings only ever add a time_limit verdict (see collect) and
// are never shown for a submission. A program that defeats the watchdog
// still gets no more than two tests' worth of CPU beyond start-up.
func runLimits(lang string, spec *Spec, n int) sandbox.Limits {
	lim := sandbox.DefaultLimits()
	per := time.Duration(spec.LimitMS(lang)) * time.Millisecond
	l, _ := LookupLanguage(lang)
	lim.CPUTime = l.startup + 2*per + time.Duration(n)*50*time.Millisecond
	lim.WallTime = 2*lim.CPUTime + time.Second
	lim.OutputBytes = 16 << 20
	return lim
}

// event is one line of the harness's channel.
type event struct {
	T       string          `json:"t"`
	I       int             `json:"i"`
	OK      bool            `json:"ok"`
	Out     json.RawMessage `json:"out"`
	Verdict Verdict         `json:"verdict"`
	Error   string          `json:"error"`
	Trace   string          `json:"trace"`
	MS      float64         `json:"ms"`     // wall time of the call: only to pick time_limit
	CPUMS   float64         `json:"cpu_ms"` // CPU time of the call: shown for runs and to authors
	Stdout  string          `json:"stdout"`
	Stderr  string          `json:"stderr"`
	Message string          `json:"message"`
	// Call is, for a design problem, the operation that failed (its index
	// in the test's operations); nil elsewhere.
	Call   *int `json:"call"`
	Line   int  `json:"line"`
	Column int  `json:"column"`
}

// parseEvents reads the marker lines out of a run's stdout. Anything else on
// stdout was written around the harness by the candidate and is ignored.
func parseEvents(stdout []byte, marker string) []event {
	var evs []event
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(make([]byte, 64<<10), 32<<20)
	for sc.Scan() {
		line := sc.Bytes()
		k := bytes.Index(line, []byte(marker))
		if k < 0 {
			continue
		}
		var ev event
		if json.Unmarshal(line[k+len(marker):], &ev) == nil {
			evs = append(evs, ev)
		}
	}
	return evs
}

func (s *Service) collect(rep *Report, req Request, spec *Spec, check Checker, cases []runCase, results []TestResult, marker string, res *sandbox.Result, reveal bool) {
	memKB := res.Memory / 1024
	rep.MemoryKB = memKB
	rep.CPUTimeMS = float64(res.CPUTime.Microseconds()) / 1000
	ready, done := false, false
	seen := make([]bool, len(cases))
	for _, ev := range parseEvents(res.Stdout, marker) {
		switch ev.T {
		case "compile_error":
			rep.Status = CompileErr
			rep.CompileError = &CompileError{Message: ev.Message, Line: ev.Line, Column: ev.Column}
			return
		case "load_error":
			rep.Status = RuntimeError
			rep.Error = ev.Error
			rep.Trace = mapTrace(req.Language, req.Code, ev.Trace)
			return
		case "ready":
			ready = true
		case "done":
			done = true
		case "result":
			if ev.I < 0 || ev.I >= len(cases) || seen[ev.I] {
				continue
			}
			seen[ev.I] = true
			r := &results[ev.I]
			r.CPUTimeMS, r.MemoryKB, r.Stdout, r.Stderr = ev.CPUMS, memKB, ev.Stdout, ev.Stderr
			if !ev.OK {
				r.Verdict, r.Error, r.Trace = ev.Verdict, ev.Error, mapTrace(req.Language, req.Code, ev.Trace)
				if ev.Call != nil && spec.Signature.IsDesign() {
					r.Error = designCall(cases[ev.I].tc.Input, *ev.Call) + ": " + r.Error
				}
				// The candidate's code shares the process and can learn the
				// marker: a failure line may only name a failure, never a pass.
				if r.Verdict != TimeLimit && r.Verdict != MemoryLimit && r.Verdict != InternalError {
					r.Verdict = RuntimeError
				}
				if r.Verdict == TimeLimit {
					// The harness stops at a time limit: the rest did not run.
					done = true
				}
				continue
			}
			r.Got = ev.Out
			switch {
			case ev.MS > wallGuardMS(spec.LimitMS(req.Language)):
				// The harness watches CPU time; a test that took far longer on
				// the wall clock (sleeping, blocked) is over the limit too. A
				// self-report, so it may only turn a pass into a failure.
				r.Verdict = TimeLimit
			case cases[ev.I].custom:
				r.Verdict = Ran
			case check(cases[ev.I].tc.Input, cases[ev.I].tc.ExpectedOutput, ev.Out):
				r.Verdict = Accepted
			default:
				r.Verdict = WrongAnswer
				if spec.Signature.IsDesign() && (req.Mode == ModeRun || reveal) {
					// Which call went wrong; a candidate's submission
					// reports verdicts only (see withholdProgramOutput).
					r.Error = designMismatch(spec, cases[ev.I].tc.Input, cases[ev.I].tc.ExpectedOutput, ev.Out)
				}
			}
		}
	}
	// The sandbox's own verdict outranks what the process said: stopped at a
	// limit, it cannot have passed, whatever lines (forged ones included) it
	// wrote before.
	stopped := res.Status == sandbox.StatusTimeLimit || res.Status == sandbox.StatusMemoryLimit || res.Status == sandbox.StatusOutputLimit
	failed := slices.ContainsFunc(results, func(r TestResult) bool { return r.Verdict != NotRun && r.Verdict != Accepted && r.Verdict != Ran })
	if done && (!stopped || failed) {
		return
	}
	// The process ended early: the first test without a result was running.
	msg, trace, verdict := crashInfo(req.Language, req.Code, res)
	if (stopped || res.Status != sandbox.StatusOK) && ready && !failed && !slices.Contains(seen, false) {
		// Every test claims a result, yet the process was stopped or died
		// before the harness's "done": the last one takes the blame.
		last := &results[len(results)-1]
		last.Verdict, last.Error, last.Trace, last.Got = verdict, msg, trace, nil
		return
	}
	for i := range results {
		if seen[i] {
			continue
		}
		if !ready {
			rep.Status = verdict
			rep.Error, rep.Trace = msg, trace
			if res.Status == sandbox.StatusInternalError {
				s.log.Error("judge: sandbox failed", "language", req.Language, "stderr", string(tail(res.Stderr, 2000)))
			}
			return
		}
		results[i].Verdict, results[i].Error, results[i].Trace, results[i].MemoryKB = verdict, msg, trace, memKB
		break
	}
}

// crashInfo explains why a process ended before the harness said "done".
func crashInfo(lang, code string, res *sandbox.Result) (string, string, Verdict) {
	stderr := string(tail(res.Stderr, 8000))
	switch res.Status {
	case sandbox.StatusTimeLimit:
		return "Time limit exceeded", "", TimeLimit
	case sandbox.StatusMemoryLimit:
		return "Memory limit exceeded", "", MemoryLimit
	case sandbox.StatusOutputLimit:
		return "Output limit exceeded: the program printed too much", "", OutputLimit
	case sandbox.StatusInternalError:
		return "The judge could not run this code; please try again", "", InternalError
	}
	if res.Signal != "" {
		msg := "The program was killed by " + res.Signal
		switch res.Signal {
		case "SIGSEGV", "SIGBUS":
			msg += " (invalid memory access or stack overflow)"
		case "SIGFPE":
			msg += " (arithmetic error, e.g. division by zero)"
		case "SIGABRT":
			msg += " (aborted, e.g. a failed assertion or an uncaught exception)"
			if m := firstMatching(stderr, "what():", "terminate called"); m != "" {
				msg += ": " + m
			}
		}
		return msg, "", RuntimeError
	}
	if strings.Contains(stderr, "goroutine stack exceeds") || strings.Contains(stderr, "stack overflow") {
		return "Stack overflow (recursion too deep)", mapTrace(lang, code, stderr), RuntimeError
	}
	if m := firstMatching(stderr, "fatal error:", "panic:"); m != "" {
		return m, mapTrace(lang, code, stderr), RuntimeError
	}
	if res.ExitCode != 0 {
		return fmt.Sprintf("The program exited with code %d during this test", res.ExitCode), "", RuntimeError
	}
	return "The program exited during this test", "", RuntimeError
}

func firstMatching(s string, prefixes ...string) string {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) || (p == "what():" && strings.Contains(l, p)) {
				return l
			}
		}
	}
	return ""
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// finish fills counts and status, and keeps hidden tests out of a candidate's
// report: they become counts and verdict categories only.
func finish(rep *Report, cases []runCase, results []TestResult, reveal bool) *Report {
	var hidden *HiddenSummary
	rep.Tests = []TestResult{}
	first := Verdict("")
	for i, c := range cases {
		r := results[i]
		if rep.CompileError != nil {
			r.Verdict = NotRun
		} else if rep.Error != "" && r.Verdict == NotRun {
			r.Verdict = NotRun
		}
		if !c.custom {
			rep.Total++
			if r.Verdict == Accepted {
				rep.Passed++
			} else if first == "" {
				first = r.Verdict
			}
		} else if r.Verdict != Ran && first == "" {
			// A custom input that timed out or crashed is what happened to
			// this run, even with every example passing.
			first = r.Verdict
		}
		if c.tc.IsHidden && !reveal {
			if hidden == nil {
				hidden = &HiddenSummary{Verdicts: map[Verdict]int{}}
			}
			hidden.Total++
			hidden.Verdicts[r.Verdict]++
			if r.Verdict == Accepted {
				hidden.Passed++
			} else if hidden.FirstFailure == "" {
				hidden.FirstFailure = r.Verdict
			}
			continue
		}
		if c.tc.IsHidden || c.tc.IsExample {
			r.Expected = c.tc.ExpectedOutput
		}
		if r.Verdict == Accepted && !reveal {
			// The expected output equals got here; keep the report small.
			r.Stdout = truncate(r.Stdout, 16<<10)
		}
		rep.Tests = append(rep.Tests, r)
	}
	rep.Hidden = hidden
	if rep.Status == "" {
		rep.Status = Accepted
		if first != "" {
			rep.Status = first
		}
	}
	return rep
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "\n…(truncated)"
	}
	return s
}

// validateInput checks a custom input against the signature: an object with
// exactly its parameters, each of the right type.
func validateInput(spec *Spec, raw json.RawMessage) (json.RawMessage, error) {
	if spec.Signature.IsDesign() {
		if err := CheckDesignInput(spec.Signature, raw); err != nil {
			return nil, err
		}
		return json.RawMessage(compact(raw)), nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, fmt.Errorf("want a JSON object with the parameters %s", paramNames(spec))
	}
	for _, p := range spec.Signature.Params {
		v, ok := obj[p.Name]
		if !ok {
			return nil, fmt.Errorf("missing parameter %q", p.Name)
		}
		if err := CheckValue(MustType(p.Type), v); err != nil {
			return nil, fmt.Errorf("%s: %v", p.Name, err)
		}
	}
	if len(obj) != len(spec.Signature.Params) {
		for k := range obj {
			if !slices.ContainsFunc(spec.Signature.Params, func(p Param) bool { return p.Name == k }) {
				return nil, fmt.Errorf("unknown parameter %q", k)
			}
		}
	}
	return json.Marshal(obj)
}

func paramNames(spec *Spec) string {
	names := make([]string, len(spec.Signature.Params))
	for i, p := range spec.Signature.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// submitDetail replaces what a submission's program said about itself.
const submitDetail = "a submission reports verdicts only; run your code to see its output and errors"

// withholdProgramOutput keeps a submission's report to verdicts, counts and
// the public examples. During a submit the candidate's code runs in the same
// process as every hidden input (and can read the harness's marker), so
// anything it controls (stdout, stderr, error messages, traces, returned
// values, harness-reported compile errors) could carry hidden tests out.
// Run mode holds no hidden input and keeps every detail.
//
// Per-test CPU times are the harness's own measurements, so they go too;
// what remains of time and memory is the sandbox's measurement of the whole
// process, coarsened (see coarsen).
func withholdProgramOutput(rep *Report) {
	coarsen(rep)
	if rep.Error != "" || rep.Trace != "" {
		rep.Error, rep.Trace = submitDetail, ""
	}
	// A compiler's own diagnostics (Output set) come from a build that never
	// saw a test; a compile error reported over the harness's channel may be forged.
	if ce := rep.CompileError; ce != nil && ce.Output == "" {
		rep.CompileError = &CompileError{Message: submitDetail}
	}
	for i := range rep.Tests {
		t := &rep.Tests[i]
		if t.Error != "" || t.Trace != "" {
			t.Error = submitDetail
		}
		t.Got, t.Stdout, t.Stderr, t.Trace = nil, "", "", ""
		t.CPUTimeMS, t.MemoryKB = 0, 0
	}
}

// coarsen rounds a submission's whole-run CPU time to 10 ms and its peak
// memory to 1 MiB. Both come from the sandbox, yet a program can still steer
// them (burn CPU, allocate) after reading hidden inputs: rounding leaves
// that channel a few bits a submission, which the submit rate limit bounds.
func coarsen(rep *Report) {
	rep.CPUTimeMS = math.Round(rep.CPUTimeMS/10) * 10
	rep.MemoryKB = (rep.MemoryKB + 512) / 1024 * 1024
}

// wallGuardMS is how long a test may take on the wall clock: three times its
// CPU limit, and never less than two seconds over it, so that a busy host
// (other runs on the same cores) does not fail a test that used little CPU.
func wallGuardMS(limitMS int) float64 {
	return float64(max(3*limitMS, limitMS+2000))
}
