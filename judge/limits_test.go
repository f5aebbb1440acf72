package judge

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
)

func TestSpecTimeLimitsPerLanguage(t *testing.T) {
	sig := `"signature": {"function": "f", "params": [{"name": "n", "type": "int"}], "returns": "int"}`
	for _, c := range []struct {
		name, limits string
		want         map[string]int // language → LimitMS
		err          string
	}{
		{"no per-language limits", ``, map[string]int{"python": 2000, "cpp": 2000}, ""},
		{"one override", `, "time_limits_ms": {"cpp": 300}`, map[string]int{"python": 2000, "cpp": 300, "go": 2000}, ""},
		{"every language", `, "time_limits_ms": {"python": 3000, "javascript": 900, "typescript": 900, "java": 800, "go": 400, "cpp": 300}`,
			map[string]int{"python": 3000, "typescript": 900, "java": 800, "go": 400, "cpp": 300}, ""},
		{"unknown language", `, "time_limits_ms": {"rust": 300}`, nil, `time_limits_ms: "rust" is not a language`},
		{"too small", `, "time_limits_ms": {"cpp": 50}`, nil, "time_limits_ms.cpp: 50 is outside 100..10000"},
		{"too large", `, "time_limits_ms": {"python": 20000}`, nil, "time_limits_ms.python: 20000 is outside 100..10000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := ParseSpec([]byte(`{` + sig + c.limits + `}`))
			if c.err != "" {
				if err == nil || !strings.Contains(mockroom.AsError(err).Message, c.err) {
					t.Fatalf("want an error with %q, got %v", c.err, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for lang, ms := range c.want {
				if got := s.LimitMS(lang); got != ms {
					t.Errorf("LimitMS(%s) = %d, want %d", lang, got, ms)
				}
				l, _ := LookupLanguage(lang)
				if got, want := runLimits(lang, s, 10).CPUTime, l.startup+2*time.Duration(ms)*time.Millisecond+500*time.Millisecond; got != want {
					t.Errorf("runLimits(%s).CPUTime = %s, want %s", lang, got, want)
				}
			}
		})
	}
}

// TestExecuteUsesTheLanguagesLimit proves the harness stops a test at the
// language's own limit, not the problem's default one: code that burns
// 600 ms of CPU passes under a 5 s default and times out under a 200 ms
// Python limit.
func TestExecuteUsesTheLanguagesLimit(t *testing.T) {
	svc := NewService(testRunner(t), twoSumTests, nil)
	need(t, svc, "python")
	code := "import time\nclass Solution:\n    def twoSum(self, nums, target):\n        t0 = time.process_time()\n" +
		"        while time.process_time() - t0 < 0.6:\n            pass\n" +
		"        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n"
	base := `{"signature": {"function": "twoSum", "params": [{"name": "nums", "type": "int[]"}, {"name": "target", "type": "int"}], "returns": "int[]"}, "checker": "unordered", "time_limit_ms": 5000`
	for _, c := range []struct {
		name, limits string
		want         Verdict
	}{
		{"default limit", ``, Accepted},
		{"python's own limit", `, "time_limits_ms": {"python": 200, "cpp": 5000}`, TimeLimit},
		{"another language's limit", `, "time_limits_ms": {"cpp": 200}`, Accepted},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mkProblem(t, "two-sum", base+c.limits+`}`)
			rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: code, Mode: ModeRun})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Tests[0].Verdict != c.want {
				t.Fatalf("first test: %s, want %s (%+v)", rep.Tests[0].Verdict, c.want, rep.Tests[0])
			}
		})
	}
}
