package judge

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// TestRuntimesPassTheirOwnCheckers runs each harness runtime, as the file it
// is, through its language's own checker: a broken harness shows up here
// with the checker's own message rather than as every test failing.
func TestRuntimesPassTheirOwnCheckers(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin")
	javaStub := "import java.util.*;\n\nfinal class MrCall {\n    static final String RET = \"int\";\n\n" +
		"    static Object call(long i, Map<String, Object> t) throws Throwable { return null; }\n}\n"
	cases := []struct {
		file string // under harness/
		src  string
		tool string
		args func(dir, file string) []string
		// extra files the checker needs beside the runtime (Java's MrCall,
		// which javaDriver appends)
		extra map[string]string
	}{
		{"python/runtime.py", pyRuntime, toolchain.Python3, func(_, f string) []string { return []string{"-m", "py_compile", f} }, nil},
		{"javascript/runtime.js", jsRuntime, toolchain.Node, func(_, f string) []string { return []string{"--check", f} }, nil},
		{"java/Main.java", javaRuntime, toolchain.Javac, func(dir, f string) []string {
			return []string{"-encoding", "UTF-8", "-Werror", "-Xlint:all", "-d", filepath.Join(dir, "classes"), f, filepath.Join(dir, "MrCall.java")}
		}, map[string]string{"MrCall.java": javaStub}},
		// gofmt -l prints the file when it is not formatted, -e every syntax error.
		{"go/runtime.go", goRuntime, filepath.Join(goBin, "gofmt"), func(_, f string) []string { return []string{"-l", "-e", f} }, nil},
		// mr_call is declared here and defined after it (cppDriver).
		{"cpp/runtime.cpp", cppRuntime, toolchain.Gxx, func(_, f string) []string {
			return []string{"-std=c++17", "-fsyntax-only", "-Wall", "-Werror", "-Wno-unused-function", f}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			_, err := os.Stat(c.tool)
			testenv.Need(t, filepath.Base(c.tool), err == nil, "no "+c.tool)
			dir := t.TempDir()
			f := filepath.Join(dir, filepath.Base(c.file))
			must(t, os.WriteFile(f, []byte(c.src), 0o644))
			for name, body := range c.extra {
				must(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
			}
			out, err := exec.Command(c.tool, c.args(dir, f)...).CombinedOutput()
			if err != nil || len(strings.TrimSpace(string(out))) > 0 {
				t.Errorf("%s on %s: %v\n%s", filepath.Base(c.tool), c.file, err, out)
			}
		})
	}
}

// TestGeneratedGoDriverPassesVet type-checks and vets the Go runtime as the
// judge uses it: with a candidate's code and mr_call in place.
func TestGeneratedGoDriverPassesVet(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	_, err := os.Stat(goTool)
	testenv.Need(t, "go", err == nil, "no "+goTool)
	s, err := ParseSpec([]byte(`{"signature": {"function": "f", "params": [{"name": "l", "type": "ListNode"}, {"name": "t", "type": "TreeNode[]"},
		{"name": "c", "type": "char[][]"}, {"name": "d", "type": "double"}], "returns": "string[]"}}`))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Driver(s, "go", "func f(l *ListNode, t []*TreeNode, c [][]byte, d float64) []string { return nil }\n")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "main.go"), files["main.go"], 0o644))
	cmd := exec.Command(goTool, "vet", "main.go")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet on the generated main.go: %v\n%s", err, out)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
