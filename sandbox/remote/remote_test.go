package remote

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/gojudgeserver"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/sandboxtest"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// server is a real go-judge built from the pinned module, started once for
// the package; nil with serverErr set when it could not start.
var (
	server    *gojudgeserver.Server
	serverErr error
)

func TestMain(m *testing.M) {
	server, serverErr = startServer()
	code := m.Run()
	if server != nil {
		server.Stop()
	}
	os.Exit(code)
}

func startServer() (*gojudgeserver.Server, error) {
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("go-judge needs root for cgroups and namespaces")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, err := gojudgeserver.Build(ctx)
	if err != nil {
		return nil, err
	}
	mc := toolchain.MountConfig{Esbuild: toolchain.FindEsbuild()}
	if goroot := goRoot(); goroot != "" {
		// Shared with sandbox/local's tests: built once per machine.
		std, err := toolchain.PrepareGoStd(ctx, goroot, filepath.Join(os.TempDir(), "mockroom-sandbox-test"))
		if err != nil {
			return nil, err
		}
		mc.GoRoot, mc.GoStd = goroot, std
	}
	if _, err := os.Stat(toolchain.Gxx); err == nil {
		// As a server's operator should: without it C++ compiles still
		// work, at ~2.5 s each.
		pch, err := toolchain.PrepareCxxPCH(ctx, toolchain.Gxx, filepath.Join(os.TempDir(), "mockroom-sandbox-test"))
		if err != nil {
			return nil, err
		}
		mc.CxxPCH = pch
	}
	return gojudgeserver.Start(bin, toolchain.MountYAML(mc), toolchain.SeccompYAML(), "test-token-"+fmt.Sprint(os.Getpid()))
}

func goRoot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func needServer(t *testing.T) {
	t.Helper()
	why := ""
	if serverErr != nil {
		why = serverErr.Error()
	}
	testenv.Need(t, "go-judge server (root + cgroups)", server != nil, why)
}

func newRunner(t *testing.T, token string) sandbox.Runner {
	t.Helper()
	r, err := New(server.URL, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// The full functional part in every language; the abuse matrix in a
// representative subset (the local runner's tests cover all five), to keep
// the suite's time reasonable on two cores. The server loads our seccomp
// policy, so the denied-syscall cases apply.
func TestConformance(t *testing.T) {
	needServer(t)
	sandboxtest.RunWith(t, func(t *testing.T) sandbox.Runner { return newRunner(t, server.Token) },
		sandboxtest.Options{AbuseLanguages: []sandbox.Language{sandbox.Python, sandbox.Cpp}, Seccomp: true})
}

// TestStashAllLanguages runs the case that hands a secret from one run to
// the next through every kernel object and file in all five languages: the
// go-judge server's pooled containers are reused by anyone's next run.
func TestStashAllLanguages(t *testing.T) {
	needServer(t)
	sandboxtest.RunWith(t, func(t *testing.T) sandbox.Runner { return newRunner(t, server.Token) },
		sandboxtest.Options{Seccomp: true, Only: []string{"stash_between_runs"}})
}

func TestNew(t *testing.T) {
	needServer(t)
	cases := []struct {
		name, url, token string
		ok               bool
	}{
		{"good", server.URL, server.Token, true},
		{"wrong token", server.URL, "nope", false},
		{"not a url", "::", server.Token, false},
		{"other scheme", "ftp://127.0.0.1:1", server.Token, false},
		{"nothing listening", "http://127.0.0.1:1", server.Token, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := New(c.url, c.token)
			if (err == nil) != c.ok {
				t.Fatalf("New: err %v, want ok=%v", err, c.ok)
			}
			if r != nil {
				if len(r.Languages()) == 0 {
					t.Error("no languages probed")
				}
				r.Close()
			}
		})
	}
}
