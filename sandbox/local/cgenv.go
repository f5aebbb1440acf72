package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/criyle/go-judge/env/pool"
	"github.com/criyle/go-judge/envexec"
	"github.com/criyle/go-sandbox/container"
	"github.com/criyle/go-sandbox/pkg/rlimit"
	"github.com/criyle/go-sandbox/runner"
)

// On cgroup v1 each container lives in a cgroup of its own for its whole
// life, instead of each run getting a fresh cgroup.
//
// Why: v1 has no CLONE_INTO_CGROUP, so a fresh cgroup per run means moving
// the run's process into it (go-judge writes cgroup.procs before exec), and
// every such move waits for an RCU grace period on a host whose cgroups are
// not mounted with favordynmods (~13 ms a run, measured: most of the
// sandbox's overhead). Here the container's init moves once, when the
// container is made; every process it forks starts inside the cgroup.
//
// Per run, before the process starts: the memory and pids limits are set
// on top of what the idle container holds (the init's threads and pages),
// the memory peak is reset, the CPU and OOM counters are read; after it:
// CPU time is the counter's difference, peak memory the peak minus what
// the container held, and an OOM kill counts as hitting the memory limit.
// All of it is measured by the kernel, outside the candidate's processes.
// The container's init kills every process at the end of a run, so nothing
// of a run survives into the next one in the cgroup either.
//
// Pages a run reads for the first time (a toolchain's files) are charged to
// the cgroup and stay charged after it; a container that comes back holding
// more than recycleBytes is destroyed rather than reused, so that what one
// run left cannot shrink or be counted against the next one by much.

// recycleBytes is the most an idle container may hold and still be reused.
const recycleBytes = 16 << 20

// containerSeq numbers the containers' cgroups.
var containerSeq atomic.Uint64

// v1Controllers are the hierarchies a container's cgroup is made in.
var v1Controllers = []string{"memory", "pids", "cpuacct"}

// cgBuilder makes containers, each in its own cgroup under base (one
// directory per v1 controller: base[controller]).
type cgBuilder struct {
	builder *container.Builder
	base    map[string]string
	seccomp []syscall.SockFilter
}

func (b *cgBuilder) Build() (pool.Environment, error) {
	c, err := b.builder.Build()
	if err != nil {
		return nil, err
	}
	env := &cgEnv{Environment: c, seccomp: b.seccomp, dirs: map[string]string{}}
	name := "c-" + strconv.FormatUint(containerSeq.Add(1), 10)
	for _, ctl := range v1Controllers {
		d := filepath.Join(b.base[ctl], name)
		if err := os.Mkdir(d, 0o755); err != nil {
			env.Destroy()
			return nil, fmt.Errorf("container cgroup: %w", err)
		}
		env.dirs[ctl] = d
	}
	pid, err := initPid(c)
	if err != nil {
		env.Destroy()
		return nil, err
	}
	for _, ctl := range v1Controllers {
		if err := env.write(ctl, "cgroup.procs", strconv.Itoa(pid)); err != nil {
			env.Destroy()
			return nil, fmt.Errorf("moving the container init into its cgroup: %w", err)
		}
	}
	_, env.memsw = os.Stat(filepath.Join(env.dirs["memory"], "memory.memsw.limit_in_bytes"))
	return env, nil
}

// initPid finds the host pid of a container's init: the parent of a
// process it starts (go-sandbox reports that process's host pid before
// exec).
func initPid(c container.Environment) (int, error) {
	var ppid int
	var perr error
	r := c.Execve(context.Background(), container.ExecveParam{
		Args: []string{"/bin/true"},
		SyncFunc: func(pid int) error {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			if err != nil {
				perr = err
				return err
			}
			// pid (comm) state ppid ...: comm may hold spaces, so cut at the last ')'.
			f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
			if len(f) < 2 {
				perr = fmt.Errorf("unexpected /proc/%d/stat", pid)
				return perr
			}
			ppid, perr = strconv.Atoi(f[1])
			return perr
		},
	})
	if perr != nil || ppid <= 1 {
		return 0, fmt.Errorf("finding the container init: %v (%s)", perr, r.Error)
	}
	return ppid, nil
}

// cgEnv is a container and its cgroup.
type cgEnv struct {
	container.Environment
	seccomp []syscall.SockFilter
	dirs    map[string]string // controller → cgroup directory
	memsw   error             // nil when memory.memsw.* exist (swap accounting)
}

var _ pool.Environment = (*cgEnv)(nil)

func (e *cgEnv) path(ctl, file string) string { return filepath.Join(e.dirs[ctl], file) }

func (e *cgEnv) write(ctl, file, v string) error {
	return os.WriteFile(e.path(ctl, file), []byte(v), 0o644)
}

func (e *cgEnv) read(ctl, file string) (uint64, error) {
	b, err := os.ReadFile(e.path(ctl, file))
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
}

// oomKills reads the cgroup's count of OOM kills.
func (e *cgEnv) oomKills() uint64 {
	b, _ := os.ReadFile(e.path("memory", "memory.oom_control"))
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "oom_kill "); ok {
			n, _ := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}

// setMemoryLimit sets memory (and memory+swap, which may never be below
// it, so the order depends on the direction) to n bytes.
func (e *cgEnv) setMemoryLimit(n uint64) error {
	v := strconv.FormatUint(n, 10)
	if e.memsw != nil {
		return e.write("memory", "memory.limit_in_bytes", v)
	}
	if err := e.write("memory", "memory.limit_in_bytes", v); err != nil {
		// Raising: memsw first.
		if err := e.write("memory", "memory.memsw.limit_in_bytes", v); err != nil {
			return err
		}
		return e.write("memory", "memory.limit_in_bytes", v)
	}
	return e.write("memory", "memory.memsw.limit_in_bytes", v)
}

// runStart is what the cgroup held and counted when a run started.
type runStart struct {
	memory, cpu, oom uint64
}

func (e *cgEnv) Execve(ctx context.Context, param envexec.ExecveParam) (envexec.Process, error) {
	limit := param.Limit
	procs, err := e.read("pids", "pids.current") // the init's threads
	if err != nil {
		return nil, fmt.Errorf("execve: cgroup: %w", err)
	}
	if err := e.write("pids", "pids.max", strconv.FormatUint(procs+limit.Proc, 10)); err != nil {
		return nil, fmt.Errorf("execve: cgroup: pids limit: %w", err)
	}
	var st runStart
	if st.memory, err = e.read("memory", "memory.usage_in_bytes"); err != nil {
		return nil, fmt.Errorf("execve: cgroup: %w", err)
	}
	if err := e.setMemoryLimit(st.memory + uint64(limit.Memory)); err != nil {
		return nil, fmt.Errorf("execve: cgroup: memory limit: %w", err)
	}
	if err := e.write("memory", "memory.max_usage_in_bytes", "0"); err != nil { // resets the peak to the current usage
		return nil, fmt.Errorf("execve: cgroup: memory peak: %w", err)
	}
	if st.cpu, err = e.read("cpuacct", "cpuacct.usage"); err != nil {
		return nil, fmt.Errorf("execve: cgroup: %w", err)
	}
	st.oom = e.oomKills()

	rl := rlimit.RLimits{
		CPU:         uint64(limit.Time.Truncate(time.Second)/time.Second) + 1, // a backstop; the waiter enforces the limit
		FileSize:    limit.Output.Byte(),
		Stack:       limit.Stack.Byte(),
		OpenFile:    limit.OpenFile,
		DisableCore: true,
	}
	if limit.DataSegment {
		rl.Data = limit.Memory.Byte()
	}
	if limit.AddressSpace {
		rl.AddressSpace = limit.Memory.Byte()
	}
	started := make(chan struct{})
	p := &cgProcess{env: e, start: st, limit: limit.Memory, done: make(chan struct{})}
	go func() {
		p.rt = e.Environment.Execve(ctx, container.ExecveParam{
			Args:     param.Args,
			Env:      param.Env,
			Files:    param.Files,
			CTTY:     param.TTY,
			ExecFile: param.ExecFile,
			RLimits:  rl.PrepareRLimit(),
			Seccomp:  e.seccomp,
			// Nothing to do between fork and exec: the process is already
			// in the cgroup. Called once it started, so the files passed
			// to it may be closed.
			SyncFunc:      func(int) error { close(started); return nil },
			SyncAfterExec: true,
		})
		p.collect()
		close(p.done)
	}()
	select {
	case <-p.done:
	case <-started:
	}
	return p, nil
}

func (e *cgEnv) Open(params []envexec.OpenParam) ([]envexec.OpenResult, error) {
	cmds := make([]container.OpenCmd, len(params))
	for i, p := range params {
		cmds[i] = container.OpenCmd{Path: p.Path, Flag: p.Flag, Perm: p.Perm, MkdirAll: p.MkdirAll}
	}
	rs, err := e.Environment.Open(cmds)
	if err != nil {
		return nil, err
	}
	out := make([]envexec.OpenResult, len(rs))
	for i, r := range rs {
		out[i] = envexec.OpenResult{File: r.File, Err: r.Err}
	}
	return out, nil
}

func (e *cgEnv) Symlink(params []envexec.SymlinkParam) ([]error, error) {
	ls := make([]container.SymbolicLink, len(params))
	for i, p := range params {
		ls[i] = container.SymbolicLink{LinkPath: p.LinkPath, Target: p.Target}
	}
	return e.Environment.Symlink(ls)
}

// Reset wipes the container's work dirs, and refuses (so that the pool
// destroys the container) when the cgroup holds more than recycleBytes.
func (e *cgEnv) Reset() error {
	if err := e.Environment.Reset(); err != nil {
		return err
	}
	if m, err := e.read("memory", "memory.usage_in_bytes"); err != nil || m > recycleBytes {
		return fmt.Errorf("container holds %d bytes (%v): recycle it", m, err)
	}
	return nil
}

// Destroy kills the container and removes its cgroup.
func (e *cgEnv) Destroy() error {
	err := e.Environment.Destroy()
	var dirs []string
	for _, d := range e.dirs {
		dirs = append(dirs, d)
	}
	return errors.Join(err, removeCgroupDirs(dirs))
}

// cgProcess is a run in a cgEnv.
type cgProcess struct {
	env   *cgEnv
	start runStart
	limit envexec.Size
	rt    runner.Result
	done  chan struct{}
}

var _ envexec.Process = (*cgProcess)(nil)

func (p *cgProcess) Done() <-chan struct{} { return p.done }

func (p *cgProcess) Result() envexec.RunnerResult {
	<-p.done
	return p.rt
}

// collect replaces the container's own figures (rusage of the main process
// only) with the cgroup's, which cover every process of the run.
func (p *cgProcess) collect() {
	if cpu, err := p.env.read("cpuacct", "cpuacct.usage"); err == nil {
		p.rt.Time = time.Duration(cpu - p.start.cpu)
	}
	if peak, err := p.env.read("memory", "memory.max_usage_in_bytes"); err == nil {
		p.rt.Memory = runner.Size(max(peak, p.start.memory) - p.start.memory)
	}
	if p.env.oomKills() > p.start.oom {
		// The kernel killed a process at the limit: report the limit, so
		// that the verdict is memory_limit whatever the peak shows.
		p.rt.Memory = runner.Size(p.limit)
	}
}

func (p *cgProcess) Usage() envexec.Usage {
	var u envexec.Usage
	if cpu, err := p.env.read("cpuacct", "cpuacct.usage"); err == nil {
		u.Time = time.Duration(cpu - p.start.cpu)
	}
	if m, err := p.env.read("memory", "memory.usage_in_bytes"); err == nil && m > p.start.memory {
		u.Memory = envexec.Size(m - p.start.memory)
	}
	return u
}
