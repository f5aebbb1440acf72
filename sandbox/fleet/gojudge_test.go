package fleet

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/gojudgeserver"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/sandboxtest"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// servers starts n real go-judge servers (seccomp on, as operators run
// them) for one test; the toolchains are the host's, without Go's prepared
// library or C++'s header: these tests run Python only.
func servers(t *testing.T, n int) []*gojudgeserver.Server {
	t.Helper()
	why := ""
	if os.Geteuid() != 0 {
		why = "go-judge needs root for cgroups and namespaces"
	}
	testenv.Need(t, "go-judge server (root + cgroups)", why == "", why)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, err := gojudgeserver.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []*gojudgeserver.Server
	for i := range n {
		s, err := gojudgeserver.Start(bin, toolchain.MountYAML(toolchain.MountConfig{}), toolchain.SeccompYAML(), fmt.Sprintf("fleet-token-%d", os.Getpid()))
		if err != nil {
			t.Fatalf("server %d: %v", i, err)
		}
		t.Cleanup(s.Stop)
		out = append(out, s)
	}
	return out
}

func urls(ss []*gojudgeserver.Server) []string {
	var u []string
	for _, s := range ss {
		u = append(u, s.URL)
	}
	return u
}

// Two real servers: runs spread over both; one killed mid-run, the run is
// retried on the other and succeeds; the killed one is out, and back once
// restarted.
func TestRealServers(t *testing.T) {
	ss := servers(t, 2)
	f, err := New(Remote(urls(ss), ss[0].Token), Options{HealthInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if !strings.Contains(langNames(f.Languages()), "python") {
		t.Fatalf("languages %v, want python among them", f.Languages())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	echo := sandbox.Program{Language: sandbox.Python, Files: map[string][]byte{"main.py": []byte("print(input()[::-1])")}, SkipCheck: true}
	run := func(p sandbox.Program, stdin string) *sandbox.Result {
		t.Helper()
		b, err := f.Compile(ctx, p, sandbox.Limits{})
		if err != nil || !b.OK {
			t.Fatalf("compile: %v %v", b, err)
		}
		res, err := f.Run(ctx, b, []byte(stdin), sandbox.Limits{})
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		return res
	}

	t.Run("spread", func(t *testing.T) {
		for i := range 4 {
			if res := run(echo, fmt.Sprint("abc", i)); res.Status != sandbox.StatusOK || strings.TrimSpace(string(res.Stdout)) != fmt.Sprint(i, "cba") {
				t.Fatalf("run %d: %+v", i, res)
			}
		}
		for _, s := range f.State() {
			if s.Steps < 2 {
				t.Errorf("%s took %d steps of 8, want its share", s.Name, s.Steps)
			}
		}
	})

	t.Run("killed mid-run", func(t *testing.T) {
		slow := sandbox.Program{Language: sandbox.Python, SkipCheck: true,
			Files: map[string][]byte{"main.py": []byte("import time\ntime.sleep(1.5)\nprint('slept')\n")}}
		b, err := f.Compile(ctx, slow, sandbox.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		home := b.Artifact().(*build).m.spec.Name
		victim := ss[0]
		if home != victim.URL {
			victim = ss[1]
		}
		type outcome struct {
			res *sandbox.Result
			err error
		}
		done := make(chan outcome, 1)
		go func() {
			res, err := f.Run(ctx, b, nil, sandbox.Limits{})
			done <- outcome{res, err}
		}()
		eventually(t, "the run in flight", func() bool {
			for _, s := range f.State() {
				if s.Name == home && s.InFlight == 1 {
					return true
				}
			}
			return false
		})
		victim.Kill()
		o := <-done
		if o.err != nil || o.res.Status != sandbox.StatusOK || strings.TrimSpace(string(o.res.Stdout)) != "slept" {
			t.Fatalf("the run after its runner died: %+v, %v; want it retried elsewhere and ok", o.res, o.err)
		}
		if f.Retries() != 1 {
			t.Errorf("retries = %d, want 1", f.Retries())
		}
		for _, s := range f.State() {
			if s.Name == home && s.Healthy {
				t.Errorf("%s was killed and is still in the fleet", home)
			}
		}
		// Everything now goes to the survivor.
		if res := run(echo, "xyz"); strings.TrimSpace(string(res.Stdout)) != "zyx" {
			t.Fatalf("with one runner: %+v", res)
		}

		if err := victim.Restart(); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the restarted runner back", func() bool {
			for _, s := range f.State() {
				if !s.Healthy {
					return false
				}
			}
			return true
		})
		before := map[string]int64{}
		for _, s := range f.State() {
			before[s.Name] = s.Steps
		}
		for i := range 2 {
			run(echo, fmt.Sprint(i))
		}
		for _, s := range f.State() {
			if s.Steps == before[s.Name] {
				t.Errorf("%s took no run after the restart", s.Name)
			}
		}
	})
}

// The isolation holds through the fleet: the seccomp policy and the fresh
// work dir of every run (a representative part of the abuse suite).
func TestAbuseThroughTheFleet(t *testing.T) {
	ss := servers(t, 2)
	sandboxtest.RunWith(t, func(t *testing.T) sandbox.Runner {
		f, err := New(Remote(urls(ss), ss[0].Token), Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}, sandboxtest.Options{AbuseLanguages: []sandbox.Language{sandbox.Python}, Seccomp: true,
		Only: []string{"denied_syscalls", "files_persisting_between_runs"}})
}
