package toolchain

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
)

// TestPrepareCxxPCH builds the precompiled header with the real g++ (shared
// with the sandbox tests' data dir, so only the first run pays ~5 s) and
// checks that GCC takes it for the sandbox's flags, and ignores a broken one.
func TestPrepareCxxPCH(t *testing.T) {
	_, err := os.Stat(Gxx)
	testenv.Need(t, "g++", err == nil, "no "+Gxx)
	ctx := t.Context()
	data := filepath.Join(os.TempDir(), "mockroom-sandbox-test")
	dir, err := PrepareCxxPCH(ctx, Gxx, data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := CxxPCHVersionDir(ctx, Gxx, data)
	if err != nil || dir != want || !strings.HasPrefix(filepath.Base(dir), "cxxpch-") {
		t.Fatalf("dir %q, version dir %q %v", dir, want, err)
	}
	again, err := PrepareCxxPCH(ctx, Gxx, data)
	if err != nil || again != dir {
		t.Fatalf("second prepare: %q %v", again, err)
	}
	st, err := os.Stat(filepath.Join(dir, "bits", "stdc++.h.gch"))
	if err != nil || st.Mode().Perm() != 0o644 || st.Size() < 1<<20 {
		t.Fatalf("the PCH file: %v %v", st, err)
	}
	// Beside the PCH is only the header that forwards to the real one.
	entries, _ := os.ReadDir(filepath.Join(dir, "bits"))
	if len(entries) != 2 {
		t.Fatalf("the PCH dir holds %d files, want the PCH and the forwarding header", len(entries))
	}
	if fwd, err := os.ReadFile(filepath.Join(dir, "bits", "stdc++.h")); err != nil || string(fwd) != cxxPCHForward {
		t.Fatalf("the forwarding header: %q %v", fwd, err)
	}
	// An error inside the standard library names the real header, with or
	// without the PCH (no build path of ours reaches a candidate).
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "main.cpp"), []byte("#include <bits/stdc++.h>\nstruct X {};\nint main() { std::set<X> s; s.insert(X{}); }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = runGxx(ctx, Gxx, bad, append(CxxFlags(), "-I", dir, "-o", "main", "main.cpp")...)
	if err == nil || !strings.Contains(err.Error(), "/bits/stdc++.h:") || strings.Contains(err.Error(), dir) || strings.Contains(err.Error(), os.TempDir()+"/mockroom") {
		t.Fatalf("diagnostics through the PCH: %v", err)
	}

	broken := t.TempDir()
	os.Mkdir(filepath.Join(broken, "bits"), 0o755)
	if err := os.WriteFile(filepath.Join(broken, "bits", "stdc++.h.gch"), []byte("gpch garbage, not a PCH"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "absent")
	for _, tc := range []struct {
		name string
		dir  string
		used bool
	}{
		{"built", dir, true},
		{"broken", broken, false},
		{"missing dir", missing, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			used, err := CxxPCHUsed(ctx, Gxx, tc.dir)
			if err != nil || used != tc.used {
				t.Fatalf("used %v, want %v (%v)", used, tc.used, err)
			}
			// Whatever the PCH's state, the sandbox's compile command works,
			// also when the header is included again after the PCH (the
			// judge's harness includes it, then the candidate's code does).
			src := t.TempDir()
			prog := "#include <bits/stdc++.h>\nusing namespace std;\n#include <bits/stdc++.h>\n#include <vector>\nint main() { vector<int> v{3, 1, 2}; sort(v.begin(), v.end()); cout << v[0] << v[2] << endl; }\n"
			if err := os.WriteFile(filepath.Join(src, "main.cpp"), []byte(prog), 0o644); err != nil {
				t.Fatal(err)
			}
			args := CompileArgs("cpp", []string{"main.cpp"})
			i := slices.Index(args, CxxPCHDir)
			if i < 0 {
				t.Fatalf("the compile command has no -I %s: %v", CxxPCHDir, args)
			}
			args[i] = tc.dir
			if err := runGxx(ctx, args[0], src, args[1:]...); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(filepath.Join(src, "main")).Output()
			if err != nil || string(out) != "13\n" {
				t.Fatalf("program output %q %v", out, err)
			}
		})
	}
}

func TestCompileArgsCpp(t *testing.T) {
	args := CompileArgs("cpp", []string{"main.cpp", "util.h", "extra.cc", "notes.txt"})
	got := strings.Join(args, " ")
	want := Gxx + " " + strings.Join(cxxFlags, " ") + " -I " + CxxPCHDir + " -o main extra.cc main.cpp"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if CompileArgs("nope", nil) != nil {
		t.Fatal("an unknown language has a compile command")
	}
}

func TestSweepOldCxxPCH(t *testing.T) {
	data := t.TempDir()
	for _, d := range []string{"cxxpch-11.0.0-aaaa", "cxxpch-12.2.0-bbbb", "gostd-go1.26.8", ".cxxpch-build-123", ".cxxpch-build-456"} {
		if err := os.MkdirAll(filepath.Join(data, d, "bits"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// 456 was left by a build that died two hours ago.
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(filepath.Join(data, ".cxxpch-build-456"), old, old); err != nil {
		t.Fatal(err)
	}
	sweepOldCxxPCH(data, filepath.Join(data, "cxxpch-12.2.0-bbbb"), time.Now())
	entries, _ := os.ReadDir(data)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	// A build in progress (another process's recent temp dir) and the Go
	// std library stay.
	if strings.Join(left, " ") != ".cxxpch-build-123 cxxpch-12.2.0-bbbb gostd-go1.26.8" {
		t.Fatalf("left %v", left)
	}
}
