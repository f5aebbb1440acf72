package toolchain

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/sandbox"
)

// MaxProgramBytes bounds the sources of one program (the seed caps code at
// 50 KiB; this leaves room for multi-file programs).
const MaxProgramBytes = 1 << 20

// CompileLimits are the defaults for compile steps: compilers need more than
// a run (javac and g++ with templates), but a compile-time bomb still ends.
func CompileLimits() sandbox.Limits {
	return sandbox.Limits{
		CPUTime:     10 * time.Second,
		WallTime:    15 * time.Second,
		MemoryBytes: 1 << 30,
		MaxProcs:    128,
		OutputBytes: 1 << 20,
	}
}

// Runner implements sandbox.Runner on top of an Engine.
type Runner struct {
	engine Engine
	log    *slog.Logger
	langs  []sandbox.Language
	// wait blocks Compile of a language until its toolchain is ready (the Go
	// standard library builds in the background on first start).
	wait func(ctx context.Context, lang sandbox.Language) error

	mu     sync.Mutex
	kept   map[string]struct{} // artifact ids the engine holds for live builds
	closed bool
}

var _ sandbox.Runner = (*Runner)(nil)

// Options configure NewRunner.
type Options struct {
	Languages []sandbox.Language
	Logger    *slog.Logger
	// Wait, if set, is called before compiling lang; it blocks until the
	// toolchain is ready or returns an error when it will never be.
	Wait func(ctx context.Context, lang sandbox.Language) error
}

// NewRunner returns a Runner executing through e.
func NewRunner(e Engine, o Options) *Runner {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	wait := o.Wait
	if wait == nil {
		wait = func(context.Context, sandbox.Language) error { return nil }
	}
	langs := slices.Clone(o.Languages)
	slices.Sort(langs)
	return &Runner{engine: e, log: log, langs: langs, wait: wait, kept: map[string]struct{}{}}
}

// Languages lists the available languages.
func (r *Runner) Languages() []sandbox.Language { return slices.Clone(r.langs) }

// artifact is what a Build carries for this runner.
type artifact struct {
	owner *Runner
	files map[string]File
}

// compile checks p and compiles it where the language needs it (Compile
// adds the span).
func (r *Runner) compile(ctx context.Context, p sandbox.Program, lim sandbox.Limits) (*sandbox.Build, error) {
	const op = "sandbox.Compile"
	if err := sandbox.ValidateProgram(p, MaxProgramBytes); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if !slices.Contains(r.langs, p.Language) {
		return nil, mockroom.Wrap(op, sandbox.LanguageUnavailable(p.Language))
	}
	sp := specs[p.Language]
	if _, ok := p.Files[sp.entry]; !ok {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "missing_entry", "a %s program needs a file named %s", p.Language, sp.entry))
	}
	if err := r.wait(ctx, p.Language); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if r.isClosed() {
		return nil, mockroom.Wrap(op, errClosed)
	}
	files := make(map[string]File, len(p.Files))
	for name, c := range p.Files {
		files[name] = File{Content: c}
	}
	if p.SkipCheck && sp.cacheOut == nil {
		// Interpreted, and the program checks its own syntax: the sources
		// are the build.
		return sandbox.NewBuild(p.Language, true, "", &artifact{owner: r, files: files}), nil
	}
	lim = lim.FillFrom(CompileLimits())
	step := &Step{
		Args:     sp.compile(sp.sources(p.Files)),
		Env:      append(slices.Clone(baseEnv), sp.env...),
		Files:    files,
		CacheOut: sp.cacheOut,
		Limits:   lim,
	}
	out, err := r.engine.Exec(ctx, step)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if out.Status != gjAccepted {
		r.engine.Forget(ids(out.Cached)...)
		switch out.Status {
		case gjInternalErr:
			r.log.Error("sandbox: compile step failed inside the engine", "language", p.Language, "error", out.Error)
			return nil, mockroom.Wrap(op, errors.New("compile step: "+out.Error))
		case gjTime:
			return sandbox.NewBuild(p.Language, false, "compilation exceeded the time limit", nil), nil
		case gjMemory:
			return sandbox.NewBuild(p.Language, false, "compilation exceeded the memory limit", nil), nil
		case gjOutput:
			return sandbox.NewBuild(p.Language, false, "the compiler produced too much output\n"+diagnostics(out, lim), nil), nil
		}
		return sandbox.NewBuild(p.Language, false, diagnostics(out, lim), nil), nil
	}
	art := &artifact{owner: r, files: files}
	if sp.cacheOut != nil {
		art.files = map[string]File{}
		for _, name := range sp.cacheOut {
			id, ok := out.Cached[name]
			if !ok {
				r.engine.Forget(ids(out.Cached)...)
				r.log.Error("sandbox: compiler succeeded without its artifact", "language", p.Language, "artifact", name, "error", out.Error)
				return nil, mockroom.Wrap(op, errors.New("compile step: missing artifact "+name))
			}
			art.files[name] = File{ID: id}
		}
		if !r.keep(out.Cached) {
			r.engine.Forget(ids(out.Cached)...)
			return nil, mockroom.Wrap(op, errClosed)
		}
	}
	b := sandbox.NewBuild(p.Language, true, "", art)
	if sp.cacheOut != nil {
		// The engine holds the artifact until the build is garbage: callers
		// never have to release a Build.
		keptIDs := ids(out.Cached)
		runtime.AddCleanup(b, func(ids []string) { r.release(ids) }, keptIDs)
	}
	return b, nil
}

// run runs b once (Run adds the span).
func (r *Runner) run(ctx context.Context, b *sandbox.Build, stdin []byte, lim sandbox.Limits) (*sandbox.Result, error) {
	const op = "sandbox.Run"
	art, ok := b.Artifact().(*artifact)
	if b == nil || !b.OK || !ok || art.owner != r {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "bad_build", "this build cannot be run here"))
	}
	if r.isClosed() {
		return nil, mockroom.Wrap(op, errClosed)
	}
	sp := specs[b.Language]
	lim = lim.WithDefaults()
	out, err := r.engine.Exec(ctx, &Step{
		Args:   sp.run,
		Env:    append(slices.Clone(baseEnv), sp.env...),
		Stdin:  stdin,
		Files:  art.files,
		Limits: lim,
	})
	runtime.KeepAlive(b) // the artifact must outlive the step
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	res := &sandbox.Result{
		ExitCode: out.ExitStatus,
		Stdout:   out.Stdout,
		Stderr:   out.Stderr,
		CPUTime:  out.CPUTime,
		WallTime: out.WallTime,
		Memory:   out.Memory,
	}
	res.Status = r.status(b.Language, out, lim)
	if out.Status == gjSignalled {
		res.ExitCode = 128 + out.ExitStatus
		res.Signal = sandbox.SignalName(out.ExitStatus)
	}
	res.Stdout = clip(res.Stdout, lim.OutputBytes)
	res.Stderr = clip(res.Stderr, lim.OutputBytes)
	return res, nil
}

// status maps go-judge's verdict to ours.
func (r *Runner) status(lang sandbox.Language, out *Outcome, lim sandbox.Limits) sandbox.Status {
	// Over budget is output_limit whatever happened next: the program
	// usually dies of EPIPE (exit 120 for Python) once the pipe is cut.
	if int64(len(out.Stdout)) > lim.OutputBytes || int64(len(out.Stderr)) > lim.OutputBytes {
		return sandbox.StatusOutputLimit
	}
	switch out.Status {
	case gjAccepted:
		return sandbox.StatusOK
	case gjTime:
		return sandbox.StatusTimeLimit
	case gjMemory:
		return sandbox.StatusMemoryLimit
	case gjOutput:
		return sandbox.StatusOutputLimit
	case gjNonzero, gjSignalled, gjDangerous:
		// Killed past a limit is that limit, whichever clock fired first:
		// under load the kernel's RLIMIT_CPU (SIGXCPU) can beat go-judge's
		// own tick, and a signal is not the program's fault.
		// go-judge's watcher reads the cgroup's CPU and may kill (SIGKILL)
		// a little before the time it reports reaches the limit.
		killedNearLimit := out.Status == gjSignalled && sandbox.SignalName(out.ExitStatus) == "SIGKILL" && out.CPUTime >= lim.CPUTime*9/10
		if (out.Status == gjSignalled && sandbox.SignalName(out.ExitStatus) == "SIGXCPU") || killedNearLimit || out.CPUTime >= lim.CPUTime || out.WallTime >= lim.WallTime {
			return sandbox.StatusTimeLimit
		}
		// Runtimes that cap their own heap die of an error, not of the
		// cgroup: still a memory verdict.
		if heapExhausted(lang, out.Stderr) {
			return sandbox.StatusMemoryLimit
		}
		return sandbox.StatusRuntimeError
	default:
		r.log.Error("sandbox: run failed inside the engine", "language", lang, "status", out.Status, "error", out.Error)
		return sandbox.StatusInternalError
	}
}

func heapExhausted(lang sandbox.Language, stderr []byte) bool {
	oom := specs[lang].heapExhausted
	return oom != "" && bytes.Contains(stderr, []byte(oom))
}

// Close forgets every kept artifact and closes the engine.
func (r *Runner) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	left := make([]string, 0, len(r.kept))
	for id := range r.kept {
		left = append(left, id)
	}
	r.kept = nil
	r.mu.Unlock()
	r.engine.Forget(left...)
	return r.engine.Close()
}

var errClosed = mockroom.Errorf(mockroom.KindUnavailable, "sandbox_closed", "the sandbox is shutting down")

func (r *Runner) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

func (r *Runner) keep(m map[string]string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false
	}
	for _, id := range m {
		r.kept[id] = struct{}{}
	}
	return true
}

func (r *Runner) release(list []string) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return // Close already forgot them
	}
	for _, id := range list {
		delete(r.kept, id)
	}
	r.mu.Unlock()
	r.engine.Forget(list...)
}

func ids(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, id := range m {
		out = append(out, id)
	}
	return out
}

func diagnostics(out *Outcome, lim sandbox.Limits) string {
	d := append(clip(out.Stderr, lim.OutputBytes), clip(out.Stdout, lim.OutputBytes)...)
	if len(bytes.TrimSpace(d)) == 0 {
		return "compilation failed (" + out.Status + ")"
	}
	return string(d)
}

func clip(b []byte, n int64) []byte {
	if int64(len(b)) > n {
		return b[:n]
	}
	return b
}

// EngineOf returns the engine r runs on, for implementations that add
// methods of their own.
func EngineOf(r *Runner) Engine { return r.engine }
