// Package local runs untrusted programs on this host with go-judge embedded
// as a library (github.com/criyle/go-judge + go-sandbox): each run gets its
// own user, PID, mount, IPC, UTS and network namespaces, a read-only view of
// the toolchains, a fresh size-capped tmpfs work dir, cgroup limits and
// accounting for memory, CPU and process count (on v1 the pooled
// container's own cgroup, on v2 a fresh one per run: see cgenv.go), rlimits,
// a seccomp filter, piped output with a byte budget, and every process
// killed when the run ends.
//
// Any binary that uses this package re-executes itself as the sandbox's
// container init. Importing the package is enough: its init function calls
// go-sandbox's container.Init, which takes over the process only when it was
// started as that init (PID 1 with the "init" argument) and returns at once
// otherwise. cmd/mockroom therefore needs nothing beyond the import, but it
// must not do work in its own init functions that a container init should
// not do (opening files, starting goroutines that touch the host).
package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/criyle/go-judge/env/linuxcontainer"
	"github.com/criyle/go-judge/env/pool"
	"github.com/criyle/go-judge/envexec"
	"github.com/criyle/go-judge/filestore"
	"github.com/criyle/go-judge/worker"
	"github.com/criyle/go-sandbox/container"
	"github.com/criyle/go-sandbox/pkg/cgroup"
	"github.com/criyle/go-sandbox/pkg/forkexec"
	"github.com/criyle/go-sandbox/pkg/mount"
	"golang.org/x/sys/unix"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

func init() {
	// Returns immediately unless this process is a sandbox's container init,
	// in which case it never returns.
	_ = container.Init()
}

// Config configures the local runner. Zero values take the defaults.
type Config struct {
	WorkDirBytes int64         // size of each run's tmpfs work dir (and /tmp); default 64 MiB
	Parallelism  int           // runs (and compiles) at once, and idle containers kept; default the number of CPUs
	PoolIdle     time.Duration // an idle container is destroyed after this; default 1 minute
	DataDir      string        // where the pre-built Go standard library and C++ header live; default $TMPDIR/mockroom-sandbox
	GoRoot       string        // the Go toolchain for Go submissions; default `go env GOROOT` of the go on PATH, or /usr/local/go
	Esbuild      string        // esbuild binary for TypeScript; default $SANDBOX_ESBUILD, web/node_modules/.bin/esbuild, then PATH
	CgroupPrefix string        // name prefix of our cgroups; default "mockroom-sandbox"
	NoSeccomp    bool          // turn the seccomp filter off (for diagnosing a toolchain the filter breaks)
	Logger       *slog.Logger
}

// Runner is the local sandbox.Runner.
type Runner struct {
	*toolchain.Runner
}

var _ sandbox.Runner = (*Runner)(nil)

// Available reports whether this host can run the local sandbox: root (go-judge
// needs it for cgroups and namespaces) and a cgroup memory controller.
func Available() (bool, string) {
	if os.Geteuid() != 0 {
		return false, "the local sandbox needs root"
	}
	ct, err := cgroup.GetAvailableController()
	if err != nil {
		return false, "cannot read cgroup controllers: " + err.Error()
	}
	if !ct.Memory || !ct.Pids {
		return false, "the cgroup memory and pids controllers are required, found " + ct.String()
	}
	return true, ""
}

// New sets up cgroups and the container pool and returns a runner. It logs
// the languages it found. The Go standard library is built in the background
// the first time a data dir is used (about 40-60 s on 2 cores); Go compiles
// wait for it. So is the precompiled <bits/stdc++.h> (about 5 s); C++
// compiles do not wait for it, they are only slower until it is there.
func New(cfg Config) (*Runner, error) {
	const op = "local.New"
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if ok, why := Available(); !ok {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindUnavailable, "sandbox_unavailable", "the local sandbox cannot start: %s", why))
	}
	if cfg.WorkDirBytes <= 0 {
		cfg.WorkDirBytes = 64 << 20
	}
	if cfg.Parallelism <= 0 {
		cfg.Parallelism = runtime.NumCPU()
	}
	if cfg.PoolIdle <= 0 {
		cfg.PoolIdle = time.Minute
	}
	if cfg.DataDir == "" {
		cfg.DataDir = filepath.Join(os.TempDir(), "mockroom-sandbox")
	}
	// Mounts into the containers need an absolute path: a relative one (the
	// default ./data) fails the sandbox's self-check.
	if abs, err := filepath.Abs(cfg.DataDir); err == nil {
		cfg.DataDir = abs
	}
	if cfg.CgroupPrefix == "" {
		cfg.CgroupPrefix = "mockroom-sandbox"
	}
	if strings.ContainsAny(cfg.CgroupPrefix, "/ ") {
		return nil, mockroom.Wrap(op, fmt.Errorf("cgroup prefix %q must be a plain name", cfg.CgroupPrefix))
	}
	if cfg.GoRoot == "" {
		cfg.GoRoot = findGoRoot()
	}
	if cfg.Esbuild == "" {
		cfg.Esbuild = toolchain.FindEsbuild()
	}

	goStd := ""
	if cfg.GoRoot != "" {
		d, err := toolchain.GoStdVersionDir(cfg.GoRoot, cfg.DataDir)
		if err != nil {
			log.Warn("sandbox: Go submissions disabled", "error", err)
			cfg.GoRoot = ""
		} else {
			goStd = d
			// The mount needs the directory to exist when the container
			// pool starts; PrepareGoStd fills it later by rename, so mount
			// its parent's final path only once ready: see waitGo.
		}
	}

	cxxPCH := ""
	if _, err := os.Stat(toolchain.Gxx); err == nil {
		d, err := toolchain.CxxPCHVersionDir(context.Background(), toolchain.Gxx, cfg.DataDir)
		if err != nil {
			log.Warn("sandbox: no precompiled C++ header, C++ compiles will be slower", "error", err)
		} else {
			cxxPCH = d
		}
	}

	e := &engine{log: log, cfg: cfg, goStd: goStd, goReady: make(chan struct{}), cxxPCH: cxxPCH, cxxDone: make(chan struct{})}
	e.goCtx, e.goCancel = context.WithCancel(context.Background())
	if err := e.start(); err != nil {
		e.Close()
		return nil, mockroom.Wrap(op, err)
	}

	langs := e.detect()
	if e.goStd != "" {
		// Build the Go standard library now, in the background, so that the
		// first Go submission does not wait for it (a no-op once built).
		go func() { _ = e.wait(context.Background(), sandbox.Go) }()
	}
	e.startCxxPCH()
	r := &Runner{Runner: toolchain.NewRunner(e, toolchain.Options{Languages: langs, Logger: log, Wait: e.wait})}
	names := make([]string, len(langs))
	for i, l := range langs {
		names[i] = string(l)
	}
	log.Info("sandbox: local runner ready", "languages", strings.Join(names, ","), "cgroup", cgroup.DetectedCgroupType.String(),
		"seccomp", e.seccomp != nil, "parallelism", cfg.Parallelism, "workdir_bytes", cfg.WorkDirBytes)
	return r, nil
}

// engine is toolchain.Engine over an in-process go-judge worker.
type engine struct {
	log *slog.Logger
	cfg Config

	seccomp  []syscall.SockFilter
	base     cgroup.Cgroup // ours: created by New, removed by Close
	cgPaths  []string      // its directories, one per v1 controller or one on v2
	storeDir string
	store    filestore.FileStore
	pool     *envPool
	work     worker.Worker
	slots    chan struct{} // one per Parallelism: go-judge's Execute does not limit itself

	goStd    string        // host dir of the pre-built std library ("" = no Go)
	goReady  chan struct{} // closed when goStd is built (or failed: goErr)
	goErr    error
	goOnce   sync.Once
	goCtx    context.Context // cancelled by Close (also stops the PCH build)
	goCancel context.CancelFunc

	cxxPCH  string        // host dir of the precompiled <bits/stdc++.h> ("" = none)
	cxxDone chan struct{} // closed when the PCH build ended (cxxErr says how)
	cxxErr  error
	cxxOnce sync.Once

	closeOnce sync.Once
}

func (e *engine) start() error {
	if !e.cfg.NoSeccomp {
		e.seccomp = seccompFilter()
		if e.seccomp == nil {
			e.log.Warn("sandbox: no seccomp filter for this architecture", "arch", runtime.GOARCH)
		}
	}
	prebuilt := e.goStd != "" || e.cxxPCH != ""
	if prebuilt {
		// The std and PCH dirs must exist at container start to be mounted;
		// they appear later by rename (PrepareGoStd, PrepareCxxPCH), so
		// mount their parent data dir, read-only, and link to them.
		if err := os.MkdirAll(e.cfg.DataDir, 0o755); err != nil {
			return err
		}
	}

	mb := mount.NewBuilder().
		WithBind("/bin", "bin", true).
		WithBind("/lib", "lib", true).
		WithBind("/lib64", "lib64", true).
		WithBind("/usr", "usr", true).
		WithBind("/etc/ld.so.cache", "etc/ld.so.cache", true).
		WithBind("/etc/alternatives", "etc/alternatives", true).
		// The JDK's conf/* files are symlinks into /etc/java-17-openjdk.
		WithBind("/etc/java-17-openjdk", "etc/java-17-openjdk", true).
		WithBind("/dev/null", "dev/null", false).
		WithBind("/dev/urandom", "dev/urandom", false).
		WithBind("/dev/random", "dev/random", false).
		WithBind("/dev/zero", "dev/zero", false).
		WithTmpfs("w", fmt.Sprintf("size=%d,nr_inodes=4k", e.cfg.WorkDirBytes)).
		WithTmpfs("tmp", fmt.Sprintf("size=%d,nr_inodes=4k", e.cfg.WorkDirBytes)).
		WithProc()
	if e.cfg.GoRoot != "" {
		mb = mb.WithBind(e.cfg.GoRoot, strings.TrimPrefix(toolchain.GoRoot, "/"), true)
	}
	if prebuilt {
		mb = mb.WithBind(e.cfg.DataDir, strings.TrimPrefix(prebuiltDir, "/"), true)
	}
	if e.cfg.Esbuild != "" {
		mb = mb.WithBind(e.cfg.Esbuild, strings.TrimPrefix(toolchain.EsbuildPath, "/"), true)
	}
	mb = mb.FilterNotExist()

	symlinks := []container.SymbolicLink{
		{LinkPath: "/dev/fd", Target: "/proc/self/fd"},
		{LinkPath: "/dev/stdin", Target: "/proc/self/fd/0"},
		{LinkPath: "/dev/stdout", Target: "/proc/self/fd/1"},
		{LinkPath: "/dev/stderr", Target: "/proc/self/fd/2"},
	}
	if e.goStd != "" {
		symlinks = append(symlinks, container.SymbolicLink{LinkPath: toolchain.GoStdDir, Target: prebuiltDir + "/" + filepath.Base(e.goStd)})
	}
	if e.cxxPCH != "" {
		// Dangling until the PCH is built: g++ skips a missing -I dir.
		symlinks = append(symlinks, container.SymbolicLink{LinkPath: toolchain.CxxPCHDir, Target: prebuiltDir + "/" + filepath.Base(e.cxxPCH)})
	}
	cb := &container.Builder{
		TmpRoot:       "mockroom-sandbox",
		Mounts:        mb.Mounts,
		SymbolicLinks: symlinks,
		MaskPaths: []string{"/sys/firmware", "/sys/devices/virtual/powercap", "/proc/acpi", "/proc/asound", "/proc/kcore",
			"/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi"},
		Stderr:                  io.Discard,
		CloneFlags:              uintptr(forkexec.UnshareFlags) &^ unix.CLONE_NEWCGROUP,
		HostName:                "sandbox",
		DomainName:              "sandbox",
		WorkDir:                 toolchain.WorkDir,
		ContainerUID:            1536,
		ContainerGID:            1536,
		UnshareCgroupBeforeExec: true,
	}

	base, v1Dirs, err := e.setupCgroup()
	if err != nil {
		return err
	}
	e.base = base

	e.storeDir, err = os.MkdirTemp(storeRoot(), fmt.Sprintf("%s-files-%d-", e.cfg.CgroupPrefix, os.Getpid()))
	if err != nil {
		return err
	}
	e.store = filestore.NewFileLocalStore(e.storeDir)
	var build func() (pool.Environment, error)
	if v1Dirs != nil {
		// v1: one cgroup per container, see cgenv.go.
		build = (&cgBuilder{builder: cb, base: v1Dirs, seccomp: e.seccomp}).Build
	} else {
		// v2: a fresh cgroup per run that the process starts in
		// (clone3 with CLONE_INTO_CGROUP), so nothing moves either.
		build = linuxcontainer.NewEnvBuilder(linuxcontainer.Config{
			Builder:    cb,
			CgroupPool: linuxcontainer.NewFakeCgroupPool(base, 100*time.Millisecond),
			WorkDir:    toolchain.WorkDir,
			Seccomp:    e.seccomp,
			CgroupFd:   true,
		}).Build
	}
	e.pool = newEnvPool(build, e.cfg.Parallelism, e.cfg.PoolIdle)
	e.slots = make(chan struct{}, e.cfg.Parallelism)
	e.work = worker.New(worker.Config{
		FileStore:             e.store,
		EnvironmentPool:       e.pool,
		Parallelism:           e.cfg.Parallelism,
		WorkDir:               toolchain.WorkDir,
		TimeLimitTickInterval: 50 * time.Millisecond,
		ExtraMemoryLimit:      16 << 10,
		OutputLimit:           envexec.Size(e.cfg.WorkDirBytes * 2), // RLIMIT_FSIZE: above the tmpfs size, so ENOSPC comes first
		CopyOutLimit:          256 << 20,
		OpenFileLimit:         256,
	})
	e.work.Start()

	// Fail now, not on the first submission, when containers cannot start.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := e.Exec(ctx, &toolchain.Step{Args: []string{"/bin/true"}, Limits: sandbox.DefaultLimits()})
	if err != nil {
		return err
	}
	if out.Status != "Accepted" {
		return fmt.Errorf("sandbox self-check: %s %s", out.Status, out.Error)
	}
	return nil
}

// setupCgroup creates our cgroup. On v1 it is a fresh directory per
// controller, returned by controller name for the containers' cgroups; on
// v2 the process moves into a leaf ("api") first because a v2 cgroup cannot
// both hold processes and delegate controllers.
func (e *engine) setupCgroup() (cgroup.Cgroup, map[string]string, error) {
	ct, err := cgroup.GetAvailableController()
	if err != nil {
		return nil, nil, err
	}
	name := fmt.Sprintf("%s-%d-%s", e.cfg.CgroupPrefix, os.Getpid(), mockroom.NewID()[:8])
	if cgroup.DetectedCgroupType == cgroup.TypeV2 {
		cur, err := cgroup.GetCurrentCgroupPrefix()
		if err != nil {
			return nil, nil, err
		}
		sweepStale(filepath.Join("/sys/fs/cgroup", cur, e.cfg.CgroupPrefix+"-*"), e.log)
		parent, err := cgroup.New(cur, ct)
		if err != nil {
			return nil, nil, err
		}
		if _, err := parent.Nest("api"); err != nil {
			return nil, nil, fmt.Errorf("moving into a leaf cgroup: %w", err)
		}
		ct, err = cgroup.GetAvailableControllerWithPrefix(cur)
		if err != nil {
			return nil, nil, err
		}
		base, err := parent.New(name)
		if err != nil {
			return nil, nil, err
		}
		e.cgPaths = []string{filepath.Join("/sys/fs/cgroup", cur, name)}
		return base, nil, nil
	}
	sweepStale(filepath.Join("/sys/fs/cgroup", "*", e.cfg.CgroupPrefix+"-*"), e.log)
	sweepStale(filepath.Join(storeRoot(), e.cfg.CgroupPrefix+"-files-*"), e.log)
	base, err := cgroup.New(name, ct)
	if err != nil {
		return nil, nil, err
	}
	e.cgPaths, _ = filepath.Glob(filepath.Join("/sys/fs/cgroup", "*", name))
	dirs := map[string]string{}
	for _, ctl := range v1Controllers {
		d := filepath.Join("/sys/fs/cgroup", ctl, name)
		if _, err := os.Stat(d); err != nil {
			return nil, nil, fmt.Errorf("the %s cgroup controller is required: %w", ctl, err)
		}
		dirs[ctl] = d
	}
	return base, dirs, nil
}

// prebuiltDir is where the data dir (Go std library, C++ PCH) is mounted
// read-only inside the sandbox; GoStdDir and CxxPCHDir link into it.
const prebuiltDir = "/opt/prebuilt"

func storeRoot() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		return "/dev/shm"
	}
	return os.TempDir()
}

// detect lists the languages whose toolchains exist on this host.
func (e *engine) detect() []sandbox.Language {
	var out []sandbox.Language
	for _, l := range sandbox.AllLanguages() {
		ok := true
		for _, p := range toolchain.Needs(l) {
			host := p
			switch {
			case strings.HasPrefix(p, toolchain.GoRoot+"/"):
				if e.cfg.GoRoot == "" {
					ok = false
				}
				host = filepath.Join(e.cfg.GoRoot, strings.TrimPrefix(p, toolchain.GoRoot))
			case strings.HasPrefix(p, toolchain.GoStdDir+"/"):
				host = "" // built on demand
				if e.goStd == "" {
					ok = false
				}
			case p == toolchain.EsbuildPath:
				host = e.cfg.Esbuild
			}
			if host == "" {
				if p == toolchain.EsbuildPath {
					ok = false
				}
				continue
			}
			if _, err := os.Stat(host); err != nil {
				ok = false
			}
		}
		if ok {
			out = append(out, l)
		}
	}
	return out
}

// wait blocks Go compiles until the standard library is built.
func (e *engine) wait(ctx context.Context, lang sandbox.Language) error {
	if lang != sandbox.Go {
		return nil
	}
	e.goOnce.Do(func() {
		gctx := e.goCtx
		go func() {
			defer close(e.goReady)
			start := time.Now()
			_, err := toolchain.PrepareGoStd(gctx, e.cfg.GoRoot, e.cfg.DataDir)
			if err != nil {
				if gctx.Err() != nil { // the runner closed before the build finished
					e.goErr = sandbox.LanguageUnavailable(sandbox.Go)
					return
				}
				e.log.Error("sandbox: building the Go standard library failed", "error", err)
				e.goErr = mockroom.Errorf(mockroom.KindUnavailable, "language_unavailable", "the go toolchain could not be prepared")
				return
			}
			e.log.Info("sandbox: Go standard library ready", "dir", e.goStd, "took", time.Since(start).Round(time.Millisecond))
		}()
	})
	select {
	case <-e.goReady:
		return e.goErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startCxxPCH builds the precompiled <bits/stdc++.h> in the background (a
// no-op once built). C++ compiles never wait for it.
func (e *engine) startCxxPCH() {
	e.cxxOnce.Do(func() {
		if e.cxxPCH == "" {
			e.cxxErr = sandbox.LanguageUnavailable(sandbox.Cpp)
			close(e.cxxDone)
			return
		}
		ctx := e.goCtx
		go func() {
			defer close(e.cxxDone)
			start := time.Now()
			if _, err := toolchain.PrepareCxxPCH(ctx, toolchain.Gxx, e.cfg.DataDir); err != nil {
				e.cxxErr = mockroom.Errorf(mockroom.KindUnavailable, "pch_unavailable", "the precompiled C++ header could not be built")
				if ctx.Err() == nil {
					e.log.Warn("sandbox: no precompiled C++ header, C++ compiles will be slower", "error", err)
				}
				return
			}
			e.log.Info("sandbox: precompiled C++ header ready", "dir", e.cxxPCH, "took", time.Since(start).Round(time.Millisecond))
		}()
	})
}

// PrepareCpp waits until the precompiled <bits/stdc++.h> is built (New
// starts it). C++ compiles work without it, only slower; benchmarks and
// tests call this to measure or check the fast path.
func (r *Runner) PrepareCpp(ctx context.Context) error {
	e := r.engine()
	if e == nil {
		return sandbox.LanguageUnavailable(sandbox.Cpp)
	}
	e.startCxxPCH()
	select {
	case <-e.cxxDone:
		return e.cxxErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// PrepareGo starts building the Go standard library now rather than on the
// first Go compile, and waits for it.
func (r *Runner) PrepareGo(ctx context.Context) error {
	e := r.engine()
	if e == nil || e.goStd == "" {
		return sandbox.LanguageUnavailable(sandbox.Go)
	}
	return e.wait(ctx, sandbox.Go)
}

func (r *Runner) engine() *engine {
	e, _ := toolchain.EngineOf(r.Runner).(*engine)
	return e
}

// Exec runs one step in a pooled container, at most Parallelism at once.
func (e *engine) Exec(ctx context.Context, s *toolchain.Step) (*toolchain.Outcome, error) {
	select {
	case e.slots <- struct{}{}:
		defer func() { <-e.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	lim := s.Limits
	copyIn := make(map[string]worker.CmdFile, len(s.Files))
	for name, f := range s.Files {
		if f.ID != "" {
			copyIn[name] = &worker.CachedFile{FileID: f.ID}
		} else {
			copyIn[name] = &worker.MemoryFile{Content: f.Content}
		}
	}
	var cached []worker.CmdCopyOutFile
	for _, n := range s.CacheOut {
		cached = append(cached, worker.CmdCopyOutFile{Name: n, Optional: true})
	}

	// stdout and stderr are pipes that we read with a byte budget: over it,
	// the run is killed at once (go-judge's own collectors either keep the
	// output in the work dir, where the program can rewrite it, or drain it
	// without stopping the program).
	runCtx, kill := context.WithCancel(ctx)
	defer kill()
	stdout, err := newBudgetPipe(lim.OutputBytes, kill)
	if err != nil {
		return nil, err
	}
	defer stdout.close()
	stderr, err := newBudgetPipe(lim.OutputBytes, kill)
	if err != nil {
		return nil, err
	}
	defer stderr.close()

	cmd := worker.Cmd{
		Args: s.Args,
		Env:  s.Env,
		Files: []worker.CmdFile{
			&worker.MemoryFile{Content: s.Stdin},
			&openedFile{stdout.w},
			&openedFile{stderr.w},
		},
		CPULimit:      lim.CPUTime,
		ClockLimit:    lim.WallTime,
		MemoryLimit:   envexec.Size(lim.MemoryBytes),
		StackLimit:    envexec.Size(lim.MemoryBytes), // deep recursion is bounded by memory, not by a small stack rlimit
		ProcLimit:     uint64(lim.MaxProcs),
		CopyIn:        copyIn,
		CopyOutCached: cached,
		CopyOutMax:    64 << 20,
	}
	resp := <-e.work.Execute(runCtx, &worker.Request{Cmd: []worker.Cmd{cmd}})
	// Every process of the run is dead: the pipes reach EOF.
	out := &toolchain.Outcome{Stdout: stdout.wait(), Stderr: stderr.wait()}
	over := stdout.over.Load() || stderr.over.Load()
	if resp.Error != nil || len(resp.Results) != 1 {
		if over {
			out.Status = "Output Limit Exceeded"
			return out, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("sandbox worker: %v (%d results)", resp.Error, len(resp.Results))
	}
	r := resp.Results[0]
	out.Status = r.Status.String()
	out.ExitStatus = r.ExitStatus
	out.Error = r.Error
	out.CPUTime = r.Time
	out.WallTime = r.RunTime
	out.Memory = int64(r.Memory)
	out.Cached = r.FileIDs
	if over {
		out.Status = "Output Limit Exceeded"
	}
	for _, fe := range r.FileError {
		out.Error += "; " + fe.Name + ": " + fe.Message
	}
	for _, f := range r.Files {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
	return out, nil
}

// openedFile hands an open file (our pipe's write end) to go-judge.
type openedFile struct{ f *os.File }

func (o *openedFile) EnvFile(filestore.FileStore) (envexec.File, error) {
	return envexec.NewFileOpened(o.f), nil
}
func (o *openedFile) String() string { return "pipe" }

// budgetPipe collects up to budget+1 bytes of a program's output; past the
// budget it calls over (which kills the run) and discards the rest.
type budgetPipe struct {
	r, w *os.File
	buf  bytes.Buffer
	over atomic.Bool
	done chan struct{}
}

func newBudgetPipe(budget int64, onOver func()) (*budgetPipe, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	p := &budgetPipe{r: r, w: w, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		n, _ := io.CopyN(&p.buf, r, budget+1)
		if n > budget {
			p.over.Store(true)
			onOver()
		}
		io.Copy(io.Discard, r)
	}()
	return p, nil
}

// wait closes our copy of the write end and returns what was collected. A
// process that escaped the run's kill could hold the pipe open, so the wait
// is bounded.
func (p *budgetPipe) wait() []byte {
	p.w.Close()
	select {
	case <-p.done:
	case <-time.After(2 * time.Second):
		p.r.Close()
		<-p.done
	}
	return p.buf.Bytes()
}

func (p *budgetPipe) close() {
	p.w.Close()
	p.r.Close()
}

// Forget removes kept artifacts from the file store.
func (e *engine) Forget(ids ...string) {
	for _, id := range ids {
		e.store.Remove(id)
	}
}

// Close stops the worker, destroys every container and removes our cgroups
// and files.
func (e *engine) Close() error {
	var errs []error
	e.closeOnce.Do(func() {
		if e.goCancel != nil {
			e.goCancel()
			// Not started: mark it done so that no Go compile waits; started:
			// wait for the cancelled build to stop.
			e.goOnce.Do(func() {
				e.goErr = mockroom.Errorf(mockroom.KindUnavailable, "sandbox_closed", "the sandbox is shutting down")
				close(e.goReady)
			})
			<-e.goReady
			// Not started: nothing to wait for; started: it is cancelled.
			e.cxxOnce.Do(func() {
				e.cxxErr = mockroom.Errorf(mockroom.KindUnavailable, "sandbox_closed", "the sandbox is shutting down")
				close(e.cxxDone)
			})
			<-e.cxxDone
		}
		if e.work != nil {
			e.work.Shutdown()
		}
		if e.pool != nil {
			e.pool.Destroy()
		}
		if err := removeCgroupDirs(e.cgPaths); err != nil {
			errs = append(errs, err)
		}
		if e.storeDir != "" {
			errs = append(errs, os.RemoveAll(e.storeDir))
		}
	})
	return errors.Join(errs...)
}

// sweepStale removes cgroups and file stores matching pattern that a runner
// of a process that no longer exists left behind (killed before Close).
// Their names carry the owner's pid after the prefix.
func sweepStale(pattern string, log *slog.Logger) {
	matches, _ := filepath.Glob(pattern)
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), strings.TrimSuffix(filepath.Base(pattern), "*"))
		pidStr, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidStr)
		if !ok || err != nil || pid <= 0 {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
			continue // its owner is alive
		}
		var rmErr error
		if strings.HasPrefix(m, "/sys/fs/cgroup/") {
			rmErr = removeCgroupDirs([]string{m})
		} else {
			rmErr = os.RemoveAll(m)
		}
		log.Info("sandbox: removed what a dead runner left behind", "path", m, "error", rmErr)
	}
}

// removeCgroupDirs removes our cgroups, deepest first. Each run's cgroup is
// normally gone when its run ends; a straggler (a process the kernel is
// still tearing down) is killed and waited for.
func removeCgroupDirs(roots []string) error {
	var errs []error
	for _, root := range roots {
		var dirs []string
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, p)
			}
			return nil
		})
		for i := len(dirs) - 1; i >= 0; i-- {
			var err error
			for range 100 {
				if err = syscall.Rmdir(dirs[i]); err == nil || errors.Is(err, os.ErrNotExist) {
					err = nil
					break
				}
				if procs, _ := cgroup.ReadProcesses(filepath.Join(dirs[i], "cgroup.procs")); len(procs) > 0 {
					for _, pid := range procs {
						_ = syscall.Kill(pid, syscall.SIGKILL)
					}
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("removing sandbox cgroup %s: %w", dirs[i], err))
			}
		}
	}
	return errors.Join(errs...)
}

// findGoRoot locates a Go toolchain for Go submissions.
func findGoRoot() string {
	if p, err := exec.LookPath("go"); err == nil {
		out, err := exec.Command(p, "env", "GOROOT").Output()
		if err == nil {
			if r := strings.TrimSpace(string(out)); r != "" {
				return r
			}
		}
	}
	if _, err := os.Stat("/usr/local/go/bin/go"); err == nil {
		return "/usr/local/go"
	}
	return ""
}
