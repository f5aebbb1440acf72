// Package sandboxtest is the conformance and abuse suite every
// sandbox.Runner must pass. Call Run from each implementation's tests.
package sandboxtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
)

// Options tune the suite to an implementation.
type Options struct {
	// AbuseLanguages limits the abuse matrix (default: the five main
	// languages that the runner has). The functional part always covers
	// every language the runner has.
	AbuseLanguages []sandbox.Language
	// Seccomp says the runner applies the project's seccomp profile, so the
	// denied-syscall cases apply.
	Seccomp bool
	// Only, when set, runs just the abuse cases it names (all of the
	// AbuseLanguages), none of the rest of the suite.
	Only []string
}

// Run runs the whole suite with default options.
func Run(t *testing.T, newRunner func(t *testing.T) sandbox.Runner) {
	RunWith(t, newRunner, Options{})
}

// RunWith runs the whole suite against one runner made by newRunner.
func RunWith(t *testing.T, newRunner func(t *testing.T) sandbox.Runner, o Options) {
	mark := "mrk" + strings.ReplaceAll(mockroom.NewID(), "-", "")[:16]
	// A host environment variable no sandboxed program may ever see; set
	// before the runner starts so that it is in everything the runner forks.
	os.Setenv("MOCKROOM_SANDBOXTEST_SECRET", "secret-"+mark)
	t.Cleanup(func() { os.Unsetenv("MOCKROOM_SANDBOXTEST_SECRET") })
	r := newRunner(t)
	s := &suite{r: r, o: o, mark: mark}
	s.langs = r.Languages()
	if len(s.langs) == 0 {
		t.Fatal("the runner reports no languages")
	}
	main := []sandbox.Language{sandbox.Python, sandbox.JavaScript, sandbox.Java, sandbox.Go, sandbox.Cpp}
	if o.AbuseLanguages != nil {
		main = o.AbuseLanguages
	}
	for _, l := range main {
		if slices.Contains(s.langs, l) {
			s.abuseLangs = append(s.abuseLangs, l)
		}
	}
	if o.Only != nil {
		t.Run("abuse", s.abuse)
		s.noLeftovers(t)
		return
	}
	// The suite covers the languages the runner offers; one it lacks is
	// reported here (a failure in CI) instead of vanishing from the matrix.
	t.Run("toolchains", func(t *testing.T) {
		for _, l := range sandbox.AllLanguages() {
			t.Run(string(l), func(t *testing.T) { testenv.NeedToolchain(t, l, s.langs) })
		}
	})
	t.Run("functional", s.functional)
	t.Run("abuse", s.abuse)
	t.Run("parallel", s.parallel)
	s.noLeftovers(t)
}

type suite struct {
	r          sandbox.Runner
	o          Options
	mark       string
	langs      []sandbox.Language
	abuseLangs []sandbox.Language

	mu     sync.Mutex
	builds map[string]*sandbox.Build
}

// fileName is each language's entry file.
var fileName = map[sandbox.Language]string{
	sandbox.Python: "main.py", sandbox.JavaScript: "main.js", sandbox.TypeScript: "main.ts",
	sandbox.Java: "Main.java", sandbox.Go: "main.go", sandbox.Cpp: "main.cpp",
}

// limits for one run in the suite: short, so hostile programs end fast. The
// JVM needs longer to start.
func limits(l sandbox.Language) sandbox.Limits {
	lim := sandbox.Limits{CPUTime: time.Second, WallTime: 2 * time.Second, MemoryBytes: 256 << 20, MaxProcs: 64, OutputBytes: 64 << 10}
	if l == sandbox.Java {
		lim.CPUTime, lim.WallTime = 3*time.Second, 4*time.Second
	}
	return lim
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// compile compiles src (cached by language and source) and fails t unless
// it compiles.
func (s *suite) compile(t *testing.T, l sandbox.Language, src string) *sandbox.Build {
	t.Helper()
	key := string(l) + "\x00" + src
	s.mu.Lock()
	b := s.builds[key]
	s.mu.Unlock()
	if b != nil {
		return b
	}
	b, err := s.r.Compile(ctx(t), sandbox.Program{Language: l, Files: map[string][]byte{fileName[l]: []byte(src)}}, sandbox.Limits{})
	if err != nil {
		t.Fatalf("compile %s: %v", l, err)
	}
	if !b.OK {
		t.Fatalf("compile %s: unexpected compile error:\n%s\nsource:\n%s", l, b.Diagnostics, src)
	}
	s.mu.Lock()
	if s.builds == nil {
		s.builds = map[string]*sandbox.Build{}
	}
	s.builds[key] = b
	s.mu.Unlock()
	return b
}

func (s *suite) run(t *testing.T, b *sandbox.Build, stdin string, lim sandbox.Limits) *sandbox.Result {
	t.Helper()
	res, err := s.r.Run(ctx(t), b, []byte(stdin), lim)
	if err != nil {
		t.Fatalf("run %s: %v", b.Language, err)
	}
	if res.Status == sandbox.StatusInternalError {
		t.Fatalf("run %s: internal error; stderr: %s", b.Language, res.Stderr)
	}
	return res
}

// healthy checks the runner still runs a hello world correctly.
func (s *suite) healthy(t *testing.T) {
	t.Helper()
	l := s.langs[0]
	if slices.Contains(s.langs, sandbox.Python) {
		l = sandbox.Python
	}
	res := s.run(t, s.compile(t, l, hello[l]), "", limits(l))
	if res.Status != sandbox.StatusOK || string(res.Stdout) != "hello\n" {
		t.Fatalf("runner unhealthy after the case: %s %q %q", res.Status, res.Stdout, res.Stderr)
	}
}

// noLeftovers fails t if any process on the host carries the suite's
// marker: everything a run starts must die with it.
func (s *suite) noLeftovers(t *testing.T) {
	t.Helper()
	var left []string
	for range 40 {
		left = procsWith(s.mark)
		if len(left) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("processes started in the sandbox outlived their run: %v", left)
}

// procsWith lists host processes whose command line contains mark.
func procsWith(mark string) []string {
	ents, _ := os.ReadDir("/proc")
	var out []string
	self := fmt.Sprint(os.Getpid())
	for _, e := range ents {
		if e.Name()[0] < '0' || e.Name()[0] > '9' || e.Name() == self {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && bytes.Contains(b, []byte(mark)) {
			out = append(out, e.Name()+":"+strings.ReplaceAll(string(b), "\x00", " "))
		}
	}
	return out
}

func (s *suite) functional(t *testing.T) {
	t.Run("hello", func(t *testing.T) {
		for _, l := range s.langs {
			t.Run(string(l), func(t *testing.T) {
				t.Parallel()
				res := s.run(t, s.compile(t, l, hello[l]), "", limits(l))
				if res.Status != sandbox.StatusOK || string(res.Stdout) != "hello\n" || res.ExitCode != 0 {
					t.Fatalf("got %s exit %d stdout %q stderr %q", res.Status, res.ExitCode, res.Stdout, res.Stderr)
				}
				if res.WallTime <= 0 || res.Memory <= 0 {
					t.Errorf("no measurements: wall %v memory %d", res.WallTime, res.Memory)
				}
			})
		}
	})
	t.Run("echo", func(t *testing.T) {
		in := "3 4\nline two with ünïcode\n"
		for _, l := range s.langs {
			t.Run(string(l), func(t *testing.T) {
				t.Parallel()
				b := s.compile(t, l, echo[l])
				for range 2 { // a build is reusable
					res := s.run(t, b, in, limits(l))
					if res.Status != sandbox.StatusOK || string(res.Stdout) != in {
						t.Fatalf("got %s stdout %q stderr %q", res.Status, res.Stdout, res.Stderr)
					}
				}
			})
		}
	})
	t.Run("compile_error", func(t *testing.T) {
		for _, l := range s.langs {
			c, ok := compileErrors[l]
			if !ok {
				continue
			}
			t.Run(string(l), func(t *testing.T) {
				t.Parallel()
				b, err := s.r.Compile(ctx(t), sandbox.Program{Language: l, Files: map[string][]byte{fileName[l]: []byte(c.src)}}, sandbox.Limits{})
				if err != nil {
					t.Fatal(err)
				}
				if b.OK {
					t.Fatal("a broken program compiled")
				}
				if !strings.Contains(b.Diagnostics, c.want) {
					t.Fatalf("diagnostics lack %q:\n%s", c.want, b.Diagnostics)
				}
				if _, err := s.r.Run(ctx(t), b, nil, limits(l)); !mockroom.IsKind(err, mockroom.KindInvalid) {
					t.Fatalf("running a failed build: want an invalid error, got %v", err)
				}
			})
		}
	})
	t.Run("runtime_error", func(t *testing.T) {
		for _, l := range s.langs {
			t.Run(string(l), func(t *testing.T) {
				t.Parallel()
				res := s.run(t, s.compile(t, l, runtimeError[l]), "", limits(l))
				if res.Status != sandbox.StatusRuntimeError || res.ExitCode != 3 || !bytes.Contains(res.Stderr, []byte("boom")) {
					t.Fatalf("got %s exit %d stderr %q", res.Status, res.ExitCode, res.Stderr)
				}
			})
		}
	})
	t.Run("skip_check", func(t *testing.T) {
		// Without the check process, an interpreted program's syntax error
		// surfaces when it runs; with it, at compile time.
		for _, l := range []sandbox.Language{sandbox.Python, sandbox.JavaScript} {
			if !slices.Contains(s.langs, l) {
				continue
			}
			t.Run(string(l), func(t *testing.T) {
				src := map[sandbox.Language]string{sandbox.Python: "def f(:\n", sandbox.JavaScript: "function f( {\n"}[l]
				files := map[string][]byte{fileName[l]: []byte(src)}
				b, err := s.r.Compile(ctx(t), sandbox.Program{Language: l, Files: files}, sandbox.Limits{})
				if err != nil || b.OK {
					t.Fatalf("checked compile of a syntax error: ok=%v err=%v", b != nil && b.OK, err)
				}
				b, err = s.r.Compile(ctx(t), sandbox.Program{Language: l, Files: files, SkipCheck: true}, sandbox.Limits{})
				if err != nil || !b.OK {
					t.Fatalf("SkipCheck compile: %v", err)
				}
				if res := s.run(t, b, "", limits(l)); res.Status != sandbox.StatusRuntimeError {
					t.Fatalf("running a syntax error: %s", res.Status)
				}
			})
		}
	})
	t.Run("segfault_signal", func(t *testing.T) {
		for _, l := range []sandbox.Language{sandbox.Cpp, sandbox.Go} {
			if !slices.Contains(s.langs, l) {
				continue
			}
			t.Run(string(l), func(t *testing.T) {
				t.Parallel()
				res := s.run(t, s.compile(t, l, segfault[l]), "", limits(l))
				if res.Status != sandbox.StatusRuntimeError {
					t.Fatalf("got %s exit %d stderr %q", res.Status, res.ExitCode, res.Stderr)
				}
				if l == sandbox.Cpp && res.Signal != "SIGSEGV" {
					t.Fatalf("signal %q, want SIGSEGV", res.Signal)
				}
			})
		}
	})
	t.Run("bad_input", func(t *testing.T) {
		cases := []struct {
			name string
			p    sandbox.Program
			kind mockroom.Kind
		}{
			{"unknown language", sandbox.Program{Language: "cobol", Files: map[string][]byte{"main.cob": []byte("x")}}, mockroom.KindInvalid},
			{"no files", sandbox.Program{Language: s.langs[0]}, mockroom.KindInvalid},
			{"path traversal", sandbox.Program{Language: s.langs[0], Files: map[string][]byte{"../../etc/x": []byte("x")}}, mockroom.KindInvalid},
			{"absolute path", sandbox.Program{Language: s.langs[0], Files: map[string][]byte{"/etc/passwd": []byte("x")}}, mockroom.KindInvalid},
			{"missing entry", sandbox.Program{Language: s.langs[0], Files: map[string][]byte{"other.txt": []byte("x")}}, mockroom.KindInvalid},
			{"too large", sandbox.Program{Language: s.langs[0], Files: map[string][]byte{fileName[s.langs[0]]: bytes.Repeat([]byte("x"), 2<<20)}}, mockroom.KindTooLarge},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.r.Compile(ctx(t), c.p, sandbox.Limits{})
				if !mockroom.IsKind(err, c.kind) {
					t.Fatalf("want kind %s, got %v", c.kind, err)
				}
			})
		}
		for _, l := range sandbox.AllLanguages() {
			if slices.Contains(s.langs, l) {
				continue
			}
			_, err := s.r.Compile(ctx(t), sandbox.Program{Language: l, Files: map[string][]byte{fileName[l]: []byte("x")}}, sandbox.Limits{})
			if !errors.Is(err, sandbox.ErrLanguageUnavailable) || !strings.Contains(err.Error(), string(l)) {
				t.Errorf("%s is unavailable: want ErrLanguageUnavailable naming it, got %v", l, err)
			}
		}
		if _, err := s.r.Run(ctx(t), nil, nil, sandbox.Limits{}); err == nil {
			t.Error("running a nil build: want an error")
		}
	})
	t.Run("limits", func(t *testing.T) {
		l := sandbox.Python
		testenv.NeedToolchain(t, l, s.langs)
		// 40 MiB allocated fits 256 MiB and shows in the peak; then 2 KiB of
		// output against a 1 KiB budget.
		b := s.compile(t, l, "x = bytearray(40 << 20)\nfor i in range(len(x) // 4096): x[i*4096] = 1\nprint('z' * 2048)\n")
		lim := limits(l)
		res := s.run(t, b, "", lim)
		if res.Status != sandbox.StatusOK || res.Memory < 40<<20 || res.Memory > lim.MemoryBytes {
			t.Fatalf("got %s memory %d", res.Status, res.Memory)
		}
		lim.OutputBytes = 1024
		res = s.run(t, b, "", lim)
		if res.Status != sandbox.StatusOutputLimit || int64(len(res.Stdout)) > lim.OutputBytes {
			t.Fatalf("got %s with %d bytes of stdout", res.Status, len(res.Stdout))
		}
	})
}

// parallel races many runs on cleanup: 16 at once, each must see only its
// own input.
func (s *suite) parallel(t *testing.T) {
	l := s.langs[0]
	if slices.Contains(s.langs, sandbox.Python) {
		l = sandbox.Python
	}
	b := s.compile(t, l, echo[l])
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := fmt.Sprintf("run %d %s\n", i, s.mark)
			res, err := s.r.Run(ctx(t), b, []byte(in), limits(l))
			if err != nil {
				errs <- err
				return
			}
			if res.Status != sandbox.StatusOK || string(res.Stdout) != in {
				errs <- fmt.Errorf("run %d: %s %q %q", i, res.Status, res.Stdout, res.Stderr)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s.healthy(t)
}
