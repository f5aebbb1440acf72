// Package clusterharness starts a real mockroom cluster on this machine for
// the cluster, chaos and load tests: a private PostgreSQL and Redis, several
// `mockroom serve` processes and HAProxy in front (round-robin, no
// stickiness), each of which a test may kill, stop or restart.
package clusterharness

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options describe the cluster.
type Options struct {
	Binary    string   // the mockroom binary
	Instances int      // app instances (3)
	Env       []string // extra environment for every instance (KEY=value)
	// SandboxCache is SANDBOX_CACHE_DIR shared by the instances (the Go
	// standard library and the C++ header are built once).
	SandboxCache string
}

// Cluster is the running cluster.
type Cluster struct {
	Dir   string
	PG    *Postgres
	Redis *Redis
	LB    *Balancer
	Nodes []*Node
	URL   string // the load balancer: http://127.0.0.1:port
}

// Start starts PostgreSQL, Redis, the instances and the load balancer.
func Start(ctx context.Context, dir string, opt Options) (*Cluster, error) {
	if opt.Instances <= 0 {
		opt.Instances = 3
	}
	c := &Cluster{Dir: dir}
	var err error
	if c.PG, err = StartPostgres(ctx, dir); err != nil {
		return nil, err
	}
	if c.Redis, err = StartRedis(dir); err != nil {
		c.Close()
		return nil, err
	}
	lbPort, err := FreePort()
	if err != nil {
		c.Close()
		return nil, err
	}
	c.URL = fmt.Sprintf("http://127.0.0.1:%d", lbPort)
	env := []string{
		"DATABASE_URL=" + c.PG.URL(), "REDIS_URL=" + c.Redis.URL(), "BASE_URL=" + c.URL,
		"REALTIME_SECRET=cluster-test-secret-0123456789abcdefghij", "TRUSTED_PROXIES=127.0.0.1",
		"SIGNUPS=open", "SIGNUPS_PER_HOUR=100000", "SIGNUPS_PER_ADDRESS_PER_HOUR=100000", "MAX_CONNS_PER_ADDR=0",
		"LOG_LEVEL=info", "LLM_PROVIDER=offline",
	}
	if opt.SandboxCache != "" {
		env = append(env, "SANDBOX_CACHE_DIR="+opt.SandboxCache)
	}
	env = append(env, opt.Env...)
	for i := range opt.Instances {
		port, err := FreePort()
		if err != nil {
			c.Close()
			return nil, err
		}
		n := &Node{Name: fmt.Sprintf("n%d", i), Addr: fmt.Sprintf("127.0.0.1:%d", port), bin: opt.Binary,
			data: filepath.Join(dir, fmt.Sprintf("node%d", i)), env: env}
		os.MkdirAll(n.data, 0o755)
		c.Nodes = append(c.Nodes, n)
	}
	// The first instance migrates the database; the others start after it.
	if err := c.Nodes[0].Start(ctx); err != nil {
		c.Close()
		return nil, err
	}
	var wg sync.WaitGroup
	errs := make([]error, len(c.Nodes))
	for i, n := range c.Nodes[1:] {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i+1] = n.Start(ctx) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			c.Close()
			return nil, err
		}
	}
	if c.LB, err = StartBalancer(dir, lbPort, c.Nodes); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Close stops everything.
func (c *Cluster) Close() {
	if c.LB != nil {
		c.LB.Stop()
	}
	for _, n := range c.Nodes {
		n.Stop()
	}
	if c.Redis != nil {
		c.Redis.Stop()
	}
	if c.PG != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		c.PG.Stop(ctx, "immediate")
		cancel()
		c.PG.Remove()
	}
}

// Node is one `mockroom serve` process.
type Node struct {
	Name string
	Addr string
	bin  string
	data string
	env  []string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	logs   *logBuffer
	all    bytes.Buffer // logs of every run of this node
}

// URL is the instance's own address, bypassing the load balancer.
func (n *Node) URL() string { return "http://" + n.Addr }

// Start runs the instance and waits for /readyz.
func (n *Node) Start(ctx context.Context) error {
	n.mu.Lock()
	n.logs = &logBuffer{}
	n.cmd = exec.Command(n.bin, "serve", "--addr", n.Addr, "--data", n.data)
	n.cmd.Env = append(os.Environ(), n.env...)
	n.cmd.Stdout, n.cmd.Stderr = n.logs, n.logs
	err := n.cmd.Start()
	cmd := n.cmd
	n.mu.Unlock()
	if err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	n.mu.Lock()
	n.exited = exited
	n.mu.Unlock()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("%s exited during start:\n%s", n.Name, n.Logs())
		default:
		}
		if resp, err := http.Get(n.URL() + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready in 90 s:\n%s", n.Name, n.Logs())
}

// Kill ends the process with SIGKILL: no drain, no goodbye.
func (n *Node) Kill() { n.signal(syscall.SIGKILL) }

// Stop ends the process with SIGTERM and waits for its graceful drain.
func (n *Node) Stop() { n.signal(syscall.SIGTERM) }

func (n *Node) signal(sig syscall.Signal) {
	n.mu.Lock()
	cmd, exited := n.cmd, n.exited
	n.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	cmd.Process.Signal(sig)
	select {
	case <-exited:
	case <-time.After(40 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
	n.mu.Lock()
	n.all.WriteString(n.logs.String())
	n.cmd = nil
	n.mu.Unlock()
}

// Running reports whether the process is up.
func (n *Node) Running() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.cmd != nil
}

// PID is the process id (0 when down).
func (n *Node) PID() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil || n.cmd.Process == nil {
		return 0
	}
	return n.cmd.Process.Pid
}

// Logs are the instance's logs, of every run so far.
func (n *Node) Logs() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	s := n.all.String()
	if n.cmd != nil && n.logs != nil {
		s += n.logs.String()
	}
	return s
}

// Metric reads one un-labelled gauge or counter from the instance's /metrics
// (-1 when the instance does not answer or lacks it).
func (n *Node) Metric(name string) float64 {
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(n.URL() + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err == nil {
				return v
			}
		}
	}
	return -1
}

// logBuffer is a goroutine-safe log sink.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// ServicePIDs lists the processes of PostgreSQL (the postmaster and its
// backends), Redis and HAProxy, for the load tool's accounting.
func (c *Cluster) ServicePIDs() map[string][]int {
	out := map[string][]int{}
	if c.PG != nil {
		if raw, err := os.ReadFile(filepath.Join(c.PG.dir, "data", "postmaster.pid")); err == nil {
			line, _, _ := strings.Cut(string(raw), "\n")
			if pid, err := strconv.Atoi(strings.TrimSpace(line)); err == nil {
				out["postgres"] = append([]int{pid}, children(pid)...)
			}
		}
	}
	if c.Redis != nil && c.Redis.cmd != nil && c.Redis.cmd.Process != nil {
		out["redis"] = []int{c.Redis.cmd.Process.Pid}
	}
	if c.LB != nil && c.LB.cmd != nil && c.LB.cmd.Process != nil {
		out["haproxy"] = []int{c.LB.cmd.Process.Pid}
	}
	return out
}

// Descendants lists every process below pid (an instance's sandbox
// containers, PostgreSQL's backends).
func Descendants(pid int) []int {
	var out []int
	for _, c := range children(pid) {
		out = append(out, c)
		out = append(out, Descendants(c)...)
	}
	return out
}

// children lists the processes whose parent is pid.
func children(pid int) []int {
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, child)
		}
	}
	return out
}
