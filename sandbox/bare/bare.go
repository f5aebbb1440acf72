// Package bare runs programs with the real toolchains straight on the host,
// WITHOUT ANY ISOLATION. It exists for baselines (benchmarks measure the
// sandbox against it) and for harness tests on machines where the sandbox
// cannot start. Never give it untrusted code; nothing in the server uses it.
//
// For a fair baseline it does exactly the sandbox's work minus the
// isolation: it is a toolchain.Engine, so it runs the same steps (the same
// commands, flags and scrubbed environment) as sandbox/local and
// sandbox/remote, against the same pre-built Go standard library and
// precompiled C++ header, with the sandbox's paths mapped to host paths.
package bare

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// Runner is the unisolated sandbox.Runner.
type Runner struct{ *toolchain.Runner }

var _ sandbox.Runner = (*Runner)(nil)

// New returns a runner that works in directories under dir. The Go
// standard library and the C++ header are prepared (or found, when built
// before) in the local sandbox's default data dir, $TMPDIR/mockroom-sandbox,
// so that a benchmark's sandbox and baseline share them; Go and C++
// compiles wait for them the first time.
func New(dir string) *Runner {
	e := &engine{dir: dir, dataDir: filepath.Join(os.TempDir(), "mockroom-sandbox")}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		e.goRoot = strings.TrimSpace(string(out))
	}
	// As the local sandbox finds it (web/node_modules too, not only PATH),
	// so TypeScript is not silently missing from the baseline.
	e.esbuild = toolchain.FindEsbuild()
	var langs []sandbox.Language
	for _, l := range sandbox.AllLanguages() {
		ok := true
		for _, p := range toolchain.Needs(l) {
			if strings.HasPrefix(p, toolchain.GoStdDir+"/") {
				ok = ok && e.goRoot != "" // built on the first Go compile
				continue
			}
			if _, err := os.Stat(e.host(p)); err != nil {
				ok = false
			}
		}
		if ok {
			langs = append(langs, l)
		}
	}
	return &Runner{toolchain.NewRunner(e, toolchain.Options{Languages: langs, Wait: e.wait})}
}

type engine struct {
	dir, dataDir    string
	goRoot, esbuild string

	once sync.Map // language → *prepared
	// mu guards what the preparations set: a C++ compile reads them while
	// a Go compile's preparation writes them.
	mu     sync.RWMutex
	goStd  string // host dir of the pre-built std library, once prepared
	goCfg  string // its importcfg with host paths
	cxxPCH string // host dir of the precompiled header, once prepared
	seq    atomic.Uint64
}

type prepared struct {
	once sync.Once
	err  error
}

// wait prepares what the language's compile reads (as the local sandbox's
// New does in the background).
func (e *engine) wait(ctx context.Context, lang sandbox.Language) error {
	if lang != sandbox.Go && lang != sandbox.Cpp {
		return nil
	}
	v, _ := e.once.LoadOrStore(lang, &prepared{})
	p := v.(*prepared)
	p.once.Do(func() {
		if lang == sandbox.Cpp {
			// Without the header the compile still works, only slower, as
			// in the sandbox; the baseline must use it when the sandbox can.
			pch, _ := toolchain.PrepareCxxPCH(ctx, toolchain.Gxx, e.dataDir)
			e.mu.Lock()
			e.cxxPCH = pch
			e.mu.Unlock()
			return
		}
		std, err := toolchain.PrepareGoStd(ctx, e.goRoot, e.dataDir)
		if err != nil {
			p.err = err
			return
		}
		// The importcfg names the archives by their sandbox paths.
		cfg, err := os.ReadFile(filepath.Join(std, "importcfg"))
		if err != nil {
			p.err = err
			return
		}
		goCfg := filepath.Join(e.dir, fmt.Sprintf("importcfg-%d", os.Getpid()))
		p.err = os.WriteFile(goCfg, bytes.ReplaceAll(cfg, []byte(toolchain.GoStdDir+"/"), []byte(std+"/")), 0o644)
		e.mu.Lock()
		e.goCfg, e.goStd = goCfg, std
		e.mu.Unlock()
	})
	return p.err
}

// host maps a path inside the sandbox to the host.
func (e *engine) host(p string) string {
	e.mu.RLock()
	goCfg, goStd := e.goCfg, e.goStd
	e.mu.RUnlock()
	switch {
	case p == toolchain.GoStdDir+"/importcfg":
		return goCfg
	case strings.HasPrefix(p, toolchain.GoStdDir+"/"):
		return goStd + strings.TrimPrefix(p, toolchain.GoStdDir)
	case strings.HasPrefix(p, toolchain.GoRoot+"/"):
		return e.goRoot + strings.TrimPrefix(p, toolchain.GoRoot)
	case p == toolchain.EsbuildPath:
		return e.esbuild
	}
	return p
}

// translate rewrites the sandbox paths in an argument (whole or inside a
// shell script) for a step working in work.
func (e *engine) translate(arg, work string) string {
	e.mu.RLock()
	pchDir := e.cxxPCH
	e.mu.RUnlock()
	if pchDir == "" {
		pchDir = filepath.Join(work, "no-pch") // g++ skips a missing -I dir, as in the sandbox
	}
	for _, m := range [][2]string{
		{toolchain.GoStdDir + "/importcfg", e.host(toolchain.GoStdDir + "/importcfg")},
		{toolchain.GoRoot + "/", e.goRoot + "/"},
		{toolchain.EsbuildPath, e.esbuild},
		{toolchain.CxxPCHDir, pchDir},
	} {
		arg = strings.ReplaceAll(arg, m[0], m[1])
	}
	// The work dir: "/w" alone, or starting a path or a flag's value.
	if arg == toolchain.WorkDir {
		return work
	}
	arg = strings.ReplaceAll(arg, "="+toolchain.WorkDir+" ", "="+work+" ")
	if strings.HasSuffix(arg, "="+toolchain.WorkDir) {
		arg = strings.TrimSuffix(arg, toolchain.WorkDir) + work
	}
	if strings.HasPrefix(arg, toolchain.WorkDir+"/") {
		arg = work + strings.TrimPrefix(arg, toolchain.WorkDir)
	}
	return arg
}

func (e *engine) Exec(ctx context.Context, s *toolchain.Step) (*toolchain.Outcome, error) {
	work, err := os.MkdirTemp(e.dir, "step")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	for name, f := range s.Files {
		content := f.Content
		if f.ID != "" {
			if content, err = os.ReadFile(filepath.Join(e.store(), f.ID)); err != nil {
				return nil, err
			}
		}
		if err := os.WriteFile(filepath.Join(work, name), content, 0o755); err != nil {
			return nil, err
		}
	}
	args := make([]string, len(s.Args))
	for i, a := range s.Args {
		args[i] = e.translate(a, work)
	}
	env := make([]string, len(s.Env))
	for i, v := range s.Env {
		env[i] = e.translate(v, work)
	}
	// The sandbox's stack rlimit is the memory limit; so is this one, where
	// the host's hard limit allows (node's --stack-size relies on it).
	if s.Limits.MemoryBytes > 0 {
		args = append([]string{"/bin/sh", "-c", `ulimit -s ` + strconv.FormatInt(s.Limits.MemoryBytes>>10, 10) + ` 2>/dev/null; exec "$@"`, "run"}, args...)
	}
	runCtx, cancel := context.WithTimeout(ctx, s.Limits.WallTime)
	defer cancel()
	cmd := exec.CommandContext(runCtx, args[0], args[1:]...)
	cmd.Dir, cmd.Env = work, env
	cmd.Stdin = bytes.NewReader(s.Stdin)
	stdout, stderr := &capped{max: s.Limits.OutputBytes + 1}, &capped{max: s.Limits.OutputBytes + 1}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	start := time.Now()
	err = cmd.Run()
	out := &toolchain.Outcome{Status: "Accepted", WallTime: time.Since(start), Stdout: stdout.b.Bytes(), Stderr: stderr.b.Bytes()}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return nil, err
	}
	if ps := cmd.ProcessState; ps != nil {
		out.CPUTime = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			out.Memory = ru.Maxrss * 1024
		}
		ws, _ := ps.Sys().(syscall.WaitStatus)
		switch {
		case runCtx.Err() != nil || out.CPUTime > s.Limits.CPUTime:
			out.Status = "Time Limit Exceeded"
		case ws.Signaled():
			out.Status, out.ExitStatus = "Signalled", int(ws.Signal())
		case ps.ExitCode() != 0:
			out.Status, out.ExitStatus = "Nonzero Exit Status", ps.ExitCode()
		}
	}
	if out.Status == "Accepted" && len(s.CacheOut) > 0 {
		out.Cached = map[string]string{}
		for _, name := range s.CacheOut {
			id := fmt.Sprintf("f%d", e.seq.Add(1))
			if err := os.Rename(filepath.Join(work, name), filepath.Join(e.store(), id)); err != nil {
				continue // missing: the runner reports it
			}
			out.Cached[name] = id
		}
	}
	return out, nil
}

// store is where kept artifacts live.
func (e *engine) store() string {
	d := filepath.Join(e.dir, "store")
	os.MkdirAll(d, 0o755)
	return d
}

func (e *engine) Forget(ids ...string) {
	for _, id := range ids {
		os.Remove(filepath.Join(e.store(), id))
	}
}

func (e *engine) Close() error { return nil }

// capped keeps the first max bytes written and drops the rest.
type capped struct {
	b   bytes.Buffer
	max int64
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - int64(c.b.Len()); room > 0 {
		c.b.Write(p[:min(int64(len(p)), room)])
	}
	return len(p), nil
}

var _ io.Writer = (*capped)(nil)
