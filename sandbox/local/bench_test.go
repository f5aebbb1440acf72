package local

import (
	"context"
	"testing"
	"time"

	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/bare"
)

// BenchmarkRunPython compares a sandboxed Python hello world with the same
// run without isolation (sandbox/bare: the same command, environment and
// copy of the program into a fresh work dir) in the same benchmark, so the
// ratio holds on any machine.
func BenchmarkRunPython(b *testing.B) {
	benchRun(b, sandbox.Python, "main.py", "print('hello')\n")
}

// BenchmarkRunCpp does the same for a compiled program (compiled once).
func BenchmarkRunCpp(b *testing.B) {
	benchRun(b, sandbox.Cpp, "main.cpp", "#include <cstdio>\nint main(){puts(\"hello\");}\n")
}

func benchRun(b *testing.B, lang sandbox.Language, file, src string) {
	r := newTestRunner(b)
	plain := bare.New(b.TempDir())
	ctx := context.Background()
	p := sandbox.Program{Language: lang, Files: map[string][]byte{file: []byte(src)}}
	bld, err := r.Compile(ctx, p, sandbox.Limits{})
	if err != nil || !bld.OK {
		b.Fatalf("compile: %v %v", err, bld)
	}
	bareBld, err := plain.Compile(ctx, p, sandbox.Limits{})
	if err != nil || !bareBld.OK {
		b.Fatalf("bare compile: %v %v", err, bareBld)
	}
	var sandboxed, unisolated time.Duration
	for b.Loop() {
		for _, x := range []struct {
			r     sandbox.Runner
			build *sandbox.Build
			total *time.Duration
		}{{r, bld, &sandboxed}, {plain, bareBld, &unisolated}} {
			start := time.Now()
			res, err := x.r.Run(ctx, x.build, nil, sandbox.Limits{})
			if err != nil || res.Status != sandbox.StatusOK {
				b.Fatalf("run: %v %+v", err, res)
			}
			*x.total += time.Since(start)
		}
	}
	b.ReportMetric(float64(sandboxed.Microseconds())/float64(b.N)/1000, "sandbox-ms/run")
	b.ReportMetric(float64(unisolated.Microseconds())/float64(b.N)/1000, "bare-ms/run")
	b.ReportMetric(float64(sandboxed)/float64(unisolated), "ratio")
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
