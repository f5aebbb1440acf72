// Package bare runs programs with the real toolchains straight on the host,
// WITHOUT ANY ISOLATION. It exists for baselines (benchmarks measure the
// sandbox against it) and for harness tests on machines where the sandbox
// cannot start. Never give it untrusted code; nothing in the server uses it.
package bare

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// Runner is the unisolated sandbox.Runner.
type Runner struct {
	dir     string
	langs   []sandbox.Language
	esbuild string // as the local sandbox finds it: web/node_modules too, not only PATH
}

// python prefers the system interpreter the sandbox uses: a python3 found
// on PATH may be a version-manager shim that costs hundreds of milliseconds
// a start and would flatter the sandbox in comparisons.
func python() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// New returns a runner that builds in directories under dir.
func New(dir string) *Runner {
	r := &Runner{dir: dir, esbuild: toolchain.FindEsbuild()}
	for _, l := range []struct {
		lang sandbox.Language
		bin  string
	}{{sandbox.Python, "python3"}, {sandbox.JavaScript, "node"}, {sandbox.TypeScript, r.esbuild}, {sandbox.Java, "javac"}, {sandbox.Go, "go"}, {sandbox.Cpp, "g++"}} {
		if l.bin == "" {
			continue
		}
		if _, err := exec.LookPath(l.bin); err == nil {
			r.langs = append(r.langs, l.lang)
		}
	}
	return r
}

var _ sandbox.Runner = (*Runner)(nil)

func (r *Runner) Languages() []sandbox.Language { return r.langs }
func (r *Runner) Close() error                  { return nil }

func (r *Runner) Compile(ctx context.Context, p sandbox.Program, lim sandbox.Limits) (*sandbox.Build, error) {
	dir, err := os.MkdirTemp(r.dir, "build")
	if err != nil {
		return nil, err
	}
	for name, b := range p.Files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	var args []string
	switch p.Language {
	case sandbox.Java:
		args = []string{"sh", "-c", "javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -encoding UTF-8 -nowarn *.java"}
	case sandbox.Go:
		args = []string{"go", "build", "-o", "main", "main.go"}
	case sandbox.Cpp:
		args = []string{"g++", "-std=c++17", "-O2", "-pipe", "-fdiagnostics-color=never", "-o", "main", "main.cpp"}
	case sandbox.TypeScript:
		args = []string{r.esbuild, "main.ts", "--bundle", "--platform=node", "--format=cjs", "--outfile=out.js", "--log-level=error", "--color=false"}
	}
	if args == nil {
		return sandbox.NewBuild(p.Language, true, "", dir), nil
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return sandbox.NewBuild(p.Language, false, string(out), dir), nil
	}
	if err != nil {
		return nil, err
	}
	return sandbox.NewBuild(p.Language, true, "", dir), nil
}

func (r *Runner) Run(ctx context.Context, b *sandbox.Build, stdin []byte, lim sandbox.Limits) (*sandbox.Result, error) {
	dir := b.Artifact().(string)
	lim = lim.WithDefaults()
	var args []string
	switch b.Language {
	case sandbox.Python:
		args = []string{python(), "main.py"}
	case sandbox.JavaScript:
		args = []string{"node", "--stack-size=65500", "main.js"}
	case sandbox.TypeScript:
		args = []string{"node", "--stack-size=65500", "out.js"}
	case sandbox.Java:
		args = []string{"java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss64m", "-cp", ".", "Main"}
	default:
		args = []string{"./main"}
	}
	// The sandbox's stack rlimit is the memory limit; so is this one, where
	// the host's hard limit allows (node's --stack-size relies on it).
	args = append([]string{"/bin/sh", "-c", `ulimit -s ` + strconv.FormatInt(lim.MemoryBytes>>10, 10) + ` 2>/dev/null; exec "$@"`, "run"}, args...)
	ctx, cancel := context.WithTimeout(ctx, lim.WallTime)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := &sandbox.Result{Status: sandbox.StatusOK, Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), WallTime: time.Since(start)}
	if cmd.ProcessState != nil {
		res.CPUTime = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.Memory = ru.Maxrss * 1024
		}
		res.ExitCode = cmd.ProcessState.ExitCode()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			res.Signal = sandbox.SignalName(int(ws.Signal()))
		}
	}
	switch {
	case ctx.Err() != nil:
		res.Status = sandbox.StatusTimeLimit
	case err != nil:
		res.Status = sandbox.StatusRuntimeError
	}
	return res, nil
}
