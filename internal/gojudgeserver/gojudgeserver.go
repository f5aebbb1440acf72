// Package gojudgeserver builds and starts a real go-judge server (the pinned
// github.com/criyle/go-judge v1.12.2) for the remote sandbox's tests.
//
// The server's own dependencies (gRPC, gin, ...) are not ours, so it is built
// in a throwaway module outside this one: our go.mod stays small, the version
// stays pinned. The binary is cached under the temp dir between test runs.
// It is built with go-judge's seccomp build tag, as operators must build
// theirs, so that it loads the policy from toolchain.SeccompYAML.
package gojudgeserver

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// Version is the go-judge release the project pins.
const Version = "v1.12.2"

// Build returns the path of a go-judge binary, building it on first use
// (about 2 minutes cold, needs the Go module proxy or a warm module cache).
// Without the seccomp tag go-judge ignores -seccomp-conf.
func Build(ctx context.Context) (string, error) {
	dir := filepath.Join(os.TempDir(), "mockroom-go-judge-"+Version+"-seccomp")
	bin := filepath.Join(dir, "go-judge")
	if st, err := os.Stat(bin); err == nil && st.Mode().IsRegular() {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	mod, err := os.MkdirTemp(dir, "mod-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(mod)
	gomod := "module gojudgebuild\n\ngo 1.26\n\nrequire github.com/criyle/go-judge " + Version + "\n"
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte(gomod), 0o644); err != nil {
		return "", err
	}
	tmpBin := filepath.Join(mod, "go-judge")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "seccomp", "-o", tmpBin, "github.com/criyle/go-judge/cmd/go-judge")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building go-judge: %w: %s", err, out.String())
	}
	if err := os.Rename(tmpBin, bin); err != nil {
		return "", err
	}
	return bin, nil
}

// Server is a running go-judge.
type Server struct {
	URL    string
	Token  string
	cmd    *exec.Cmd
	dir    string
	prefix string
	log    bytes.Buffer

	bin, addr, seccompPath string
}

// Start runs the binary on a free loopback port with mountYAML as its mount
// configuration and seccompYAML as its seccomp policy ("" for none), and
// waits until it answers.
func Start(bin, mountYAML, seccompYAML, token string) (*Server, error) {
	dir, err := os.MkdirTemp("", "mockroom-go-judge-run-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "mount.yaml"), []byte(mountYAML), 0o644); err != nil {
		return nil, err
	}
	// go-judge reads ./seccomp.yaml by default and runs without a filter
	// when the file is missing: always name it, and write it when wanted.
	seccompPath := filepath.Join(dir, "seccomp.yaml")
	if seccompYAML != "" {
		if err := os.WriteFile(seccompPath, []byte(seccompYAML), 0o644); err != nil {
			return nil, err
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	s := &Server{URL: "http://" + addr, Token: token, dir: dir, bin: bin, addr: addr, seccompPath: seccompPath}
	if err := os.MkdirAll(filepath.Join(dir, "files"), 0o755); err != nil {
		return nil, err
	}
	if err := s.start(); err != nil {
		return nil, err
	}
	return s, nil
}

// serial makes each server's cgroup prefix its own: two servers of one test
// process must not remove each other's cgroups.
var serial atomic.Int64

func (s *Server) start() error {
	s.prefix = fmt.Sprintf("mockroom-gj-%d-%d", os.Getpid(), serial.Add(1))
	args := []string{"-http-addr", s.addr, "-mount-conf", filepath.Join(s.dir, "mount.yaml"), "-parallelism", "2",
		"-cgroup-prefix", s.prefix, "-no-fallback", "-silent", "-dir", filepath.Join(s.dir, "files"), "-seccomp-conf", s.seccompPath}
	if s.Token != "" {
		args = append(args, "-auth-token", s.Token)
	}
	s.cmd = exec.Command(s.bin, args...)
	s.cmd.Dir = s.dir
	// A minimal environment: nothing of ours should reach the sandbox.
	s.cmd.Env = []string{"PATH=/usr/bin:/bin"}
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", s.addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.Stop()
	return fmt.Errorf("go-judge did not start: %s", s.log.String())
}

// Kill ends the server with SIGKILL, as a crash would: no shutdown, open
// connections reset. Restart brings it back on the same address.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
	removeCgroups(s.prefix)
}

// Restart starts a killed server again on the same address, with nothing
// of its earlier life (cached files are lost, as in a real restart).
func (s *Server) Restart() error {
	if s.cmd != nil {
		return fmt.Errorf("go-judge is running")
	}
	os.RemoveAll(filepath.Join(s.dir, "files"))
	if err := os.MkdirAll(filepath.Join(s.dir, "files"), 0o755); err != nil {
		return err
	}
	return s.start()
}

// Stop kills the server and removes its files and cgroups.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
	}
	removeCgroups(s.prefix)
	os.RemoveAll(s.dir)
}

// removeCgroups removes the server's cgroup directories, deepest first
// (rmdir is the only way to delete a cgroup).
func removeCgroups(prefix string) {
	roots, _ := filepath.Glob("/sys/fs/cgroup/*/" + prefix)
	if m, _ := filepath.Glob("/sys/fs/cgroup/" + prefix); len(m) > 0 {
		roots = append(roots, m...)
	}
	for _, root := range roots {
		var dirs []string
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, p)
			}
			return nil
		})
		for i := len(dirs) - 1; i >= 0; i-- {
			for range 50 {
				if err := syscall.Rmdir(dirs[i]); err == nil || os.IsNotExist(err) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
	}
}

// Log returns what the server printed.
func (s *Server) Log() string { return strings.TrimSpace(s.log.String()) }
