package local

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/mockroom/mockroom/sandbox"
)

// BenchmarkRunPython compares a sandboxed Python hello world with the bare
// process in the same benchmark, so the ratio holds on any machine.
func BenchmarkRunPython(b *testing.B) {
	benchRun(b, sandbox.Python, "main.py", "print('hello')\n", []string{"/usr/bin/python3", "-c", "print('hello')"})
}

// BenchmarkRunCpp does the same for a compiled program (compiled once).
func BenchmarkRunCpp(b *testing.B) {
	benchRun(b, sandbox.Cpp, "main.cpp", "#include <cstdio>\nint main(){puts(\"hello\");}\n", nil)
}

func benchRun(b *testing.B, lang sandbox.Language, file, src string, bare []string) {
	r := newTestRunner(b)
	ctx := context.Background()
	bld, err := r.Compile(ctx, sandbox.Program{Language: lang, Files: map[string][]byte{file: []byte(src)}}, sandbox.Limits{})
	if err != nil || !bld.OK {
		b.Fatalf("compile: %v %v", err, bld)
	}
	var sandboxed, plain time.Duration
	for b.Loop() {
		start := time.Now()
		res, err := r.Run(ctx, bld, nil, sandbox.Limits{})
		if err != nil || res.Status != sandbox.StatusOK {
			b.Fatalf("run: %v %+v", err, res)
		}
		sandboxed += time.Since(start)
		if bare != nil {
			start = time.Now()
			cmd := exec.Command(bare[0], bare[1:]...)
			cmd.Env = []string{"PATH=/usr/bin:/bin"}
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
			plain += time.Since(start)
		}
	}
	b.ReportMetric(float64(sandboxed.Microseconds())/float64(b.N)/1000, "sandbox-ms/run")
	if bare != nil {
		b.ReportMetric(float64(plain.Microseconds())/float64(b.N)/1000, "bare-ms/run")
		b.ReportMetric(float64(sandboxed)/float64(plain), "ratio")
	}
}

// BenchmarkCompileCpp compiles a program that starts with <bits/stdc++.h>,
// as every judge harness does, once the precompiled header is ready: this
// is the compile a candidate waits for on each C++ Run.
func BenchmarkCompileCpp(b *testing.B) {
	r := newTestRunner(b)
	ctx := context.Background()
	if err := r.PrepareCpp(ctx); err != nil {
		b.Fatal(err)
	}
	p := sandbox.Program{Language: sandbox.Cpp, Files: map[string][]byte{"main.cpp": []byte(
		"#include <bits/stdc++.h>\nusing namespace std;\nint main() { vector<int> v{3, 1, 2}; sort(v.begin(), v.end()); map<int, string> m{{1, \"a\"}}; cout << v[0] << m[1] << endl; }\n")}}
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		bld, err := r.Compile(ctx, p, sandbox.Limits{})
		if err != nil || !bld.OK {
			b.Fatalf("compile: %v %v", err, bld)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "compile-ms")
}
