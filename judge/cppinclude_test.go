package judge_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

// usualCppHead is how interview C++ code starts: <bits/stdc++.h>, the
// usual single headers (again), and using namespace std.
const usualCppHead = "#include <bits/stdc++.h>\n#include <iostream>\n#include <vector>\n#include <string>\n" +
	"#include <unordered_map>\n#include <unordered_set>\n#include <map>\n#include <set>\n#include <algorithm>\n" +
	"#include <climits>\n#include <cmath>\n#include <queue>\n#include <stack>\n#include <deque>\n#include <numeric>\n" +
	"#include <functional>\n#include <utility>\n#include <cstring>\n#include <bits/stdc++.h>\nusing namespace std;\n\n"

// includeProblems cover every shape of the C++ driver (vectors, strings,
// chars, lists, trees, a design class): the includes do not depend on
// more than that, and a compile without the PCH costs ~2 s of CPU.
var includeProblems = []string{"two-sum", "group-anagrams", "word-search", "reverse-linked-list", "invert-binary-tree", "lru-cache", "implement-trie"}

// TestCppUsualIncludes compiles the judge's program for problems of every
// driver shape, with the candidate's code starting with the usual includes, by the
// sandbox's own compile command: before the precompiled <bits/stdc++.h>
// exists (it is built in the background) and after. Regression: with the
// PCH, a second #include <bits/stdc++.h> failed with
// "/cxxpch/bits/stdc++.h: No such file or directory".
func TestCppUsualIncludes(t *testing.T) {
	_, err := os.Stat(toolchain.Gxx)
	testenv.Need(t, "g++", err == nil, "no "+toolchain.Gxx)
	lib, err := problems.LoadEmbedded([]string{"cpp"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// The data dir the sandbox tests share, so only the first run builds.
	pch, err := toolchain.PrepareCxxPCH(ctx, toolchain.Gxx, filepath.Join(os.TempDir(), "mockroom-sandbox-test"))
	if err != nil {
		t.Fatal(err)
	}
	states := []struct{ name, dir string }{
		{"before the PCH", filepath.Join(t.TempDir(), "absent")},
		{"with the PCH", pch},
	}
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for _, st := range states {
		for _, slug := range includeProblems {
			e, ok := lib.Get(slug)
			if !ok {
				t.Fatalf("no problem %s", slug)
			}
			code := e.Solution.Code["cpp"]
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				files, err := judge.Driver(e.Spec, "cpp", usualCppHead+code)
				if err != nil {
					t.Error(err)
					return
				}
				if msg := compileCpp(t, files["main.cpp"], st.dir); msg != "" {
					t.Errorf("%s, %s: %s", st.name, e.Problem.Slug, msg)
				}
			}()
		}
	}
	wg.Wait()
}

// compileCpp checks src with the sandbox's compile command, its -I pointed
// at pchDir, and returns the compiler's complaint, if any.
func compileCpp(t *testing.T, src []byte, pchDir string) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.cpp"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	args := toolchain.CompileArgs(sandbox.Cpp, []string{"main.cpp"})
	i := slices.Index(args, toolchain.CxxPCHDir)
	if i < 0 {
		t.Fatalf("the compile command has no -I %s: %v", toolchain.CxxPCHDir, args)
	}
	args[i] = pchDir
	args = append(args, "-fsyntax-only")
	var stderr bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir, cmd.Stderr = dir, &stderr
	if err := cmd.Run(); err != nil {
		return err.Error() + ": " + stderr.String()
	}
	return ""
}
