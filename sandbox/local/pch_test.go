package local

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// TestCxxPCH checks inside the real sandbox that a C++ compile takes
// <bits/stdc++.h> from the mounted PCH when the program starts with it (the
// judge's harnesses do), and compiles the header itself when the PCH does
// not apply: the PCH changes speed, never the result.
func TestCxxPCH(t *testing.T) {
	r := newTestRunner(t)
	testenv.Need(t, "g++", slices.Contains(r.Languages(), sandbox.Cpp), "the runner found no C++ toolchain")
	ctx := t.Context()
	if err := r.PrepareCpp(ctx); err != nil {
		t.Fatal(err)
	}
	const body = "using namespace std;\nint main() { vector<int> v{3, 1, 2}; sort(v.begin(), v.end()); cout << v[0] << v[2] << endl; }\n"
	used := "! " + toolchain.CxxPCHDir + "/bits/stdc++.h.gch"
	for _, tc := range []struct {
		name string
		src  string
		pch  bool
	}{
		{"stdc++ first", "#include <bits/stdc++.h>\n" + body, true},
		{"after a comment", "// solution\n#include <bits/stdc++.h>\n" + body, true},
		{"macro that changes the header", "#define _GLIBCXX_DEBUG 1\n#include <bits/stdc++.h>\n" + body, false},
		{"plain headers", "#include <iostream>\n#include <vector>\n#include <algorithm>\n" + body, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]toolchain.File{"main.cpp": {Content: []byte(tc.src)}}
			args := toolchain.CompileArgs(sandbox.Cpp, []string{"main.cpp"})
			args = append([]string{args[0], "-H", "-Winvalid-pch"}, args[1:]...)
			out, err := r.engine().Exec(ctx, &toolchain.Step{Args: args, Env: []string{"PATH=/usr/bin:/bin"}, Files: files, Limits: toolchain.CompileLimits()})
			if err != nil {
				t.Fatal(err)
			}
			if out.Status != "Accepted" {
				t.Fatalf("compile: %s %s", out.Status, tail(out.Stderr))
			}
			got := strings.Contains(string(out.Stderr), used)
			if got != tc.pch {
				head, _, _ := strings.Cut(string(out.Stderr), "\n")
				t.Fatalf("PCH used %v, want %v (first line of -H: %q)", got, tc.pch, head)
			}
			if !tc.pch && strings.Contains(string(out.Stderr), "not a PCH file") {
				t.Fatalf("the mounted PCH is damaged: %s", out.Stderr)
			}

			// The same program through the port.
			start := time.Now()
			b, err := r.Compile(ctx, sandbox.Program{Language: sandbox.Cpp, Files: map[string][]byte{"main.cpp": []byte(tc.src)}}, sandbox.Limits{})
			if err != nil || !b.OK {
				t.Fatalf("compile: %v %+v", err, b)
			}
			took := time.Since(start)
			res, err := r.Run(context.Background(), b, nil, sandbox.Limits{})
			if err != nil || res.Status != sandbox.StatusOK || string(res.Stdout) != "13\n" {
				t.Fatalf("run: %v %+v", err, res)
			}
			t.Logf("compile through the port: %v", took.Round(time.Millisecond))
		})
	}
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
