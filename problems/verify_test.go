package problems

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/sandbox/local"
)

// TestVerifyLibrary runs `problems verify` over every problem present,
// through the real sandbox.
func TestVerifyLibrary(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	r, err := local.New(local.Config{Parallelism: 2})
	if err != nil {
		testenv.Need(t, "the local sandbox", false, err.Error())
	}
	defer r.Close()
	lib, err := LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	svc := judge.NewService(r, lib, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	start := time.Now()
	// The brute forces need only run out of the limit itself here: their
	// 2x margin is proven when a problem is written (problems verify), and
	// this halves the test's largest cost.
	checks, err := Verify(ctx, svc, lib, nil, VerifyOptions{Workers: 2, Quick: true, BruteFactor: 1})
	var out bytes.Buffer
	allOK := PrintTable(&out, checks) // what finished, also when time ran out
	t.Logf("verified %d problems in %s:\n%s", len(lib.Entries), time.Since(start).Round(time.Second), out.String())
	if err != nil {
		t.Fatal(err)
	}
	if !allOK {
		t.Fatal("some problems failed verification (table above)")
	}
}

// TestVerifyMargins proves verify's rules on a one-problem library in
// Python: a wrong solution that passes fails verification, and so do a
// reference using most of its limit and a brute force fast enough to pass
// under twice the limit.
func TestVerifyMargins(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	r, err := local.New(local.Config{Parallelism: 2})
	if err != nil {
		testenv.Need(t, "the local sandbox", false, err.Error())
	}
	defer r.Close()
	// burn spends ms of CPU, then answers right.
	burn := func(ms int) string {
		return fmt.Sprintf("import time\nclass Solution:\n    def echo(self, n: int) -> int:\n        t0 = time.process_time()\n"+
			"        while n == 4 and time.process_time() - t0 < %g:\n            pass\n        return n\n", float64(ms)/1000)
	}
	fs := validFS()
	fs["echo/problem.json"].Data = []byte(strings.Replace(string(fs["echo/problem.json"].Data), `"returns":"int"}`, `"returns":"int"},"time_limits_ms":{"python":800}`, 1))
	fs["echo/solutions/solution.py"] = &fstest.MapFile{Data: []byte(burn(0))}
	fs["echo/wrong/passes/solution.py"] = &fstest.MapFile{Data: []byte(burn(0))}
	fs["echo/wrong/off-by-one/solution.py"] = &fstest.MapFile{Data: []byte("class Solution:\n    def echo(self, n: int) -> int:\n        return n + 1\n")}
	// A brute force that passes under twice the limit. (A fast one: a slow
	// one on a loaded machine could trip the wall-clock guard instead.)
	fs["echo/brute/solution.py"] = &fstest.MapFile{Data: []byte(burn(0))}
	lib, err := Load(fs, judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Get("echo")
	e.Solution.Code["python"] = burn(500) // over half the limit, under it
	svc := judge.NewService(r, lib, nil)
	checks, err := Verify(context.Background(), svc, lib, nil, VerifyOptions{Workers: 2, Languages: []string{"python"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"generator": false /* none registered for echo */, "solution": false, "starter": true, "brute": false, "wrong/passes": false, "wrong/off-by-one": true}
	var out bytes.Buffer
	PrintTable(&out, checks)
	if len(checks) != len(want) {
		t.Fatalf("want %d checks, got:\n%s", len(want), out.String())
	}
	for _, c := range checks {
		if c.OK != want[c.What] {
			t.Errorf("%s: OK = %v, want %v:\n%s", c.What, c.OK, want[c.What], out.String())
		}
	}
}
