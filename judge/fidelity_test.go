package judge

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/sandbox"
)

// forger is a two-sum solution that learns the harness's marker (re-reading
// /proc/self/fd/0, or else from the harness's own frame) and, before the
// first test returns, writes a result line for every test with the right
// answer and timings of its choosing: @@MS@@ and @@CPU@@ are Python
// expressions of the hidden input. @@AFTER@@ runs after forging.
const forger = `import os, sys, json, signal


def _solve(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i


class Solution:
    forged = False

    def twoSum(self, nums, target):
        if not Solution.forged:
            Solution.forged = True
            data = None
            try:
                with open("/proc/self/fd/0", "rb") as f:
                    data = json.loads(f.read())
            except Exception:
                pass
            if not data:
                fr = sys._getframe()
                while "data" not in fr.f_locals or not isinstance(fr.f_locals["data"], dict):
                    fr = fr.f_back
                data = fr.f_locals["data"]
            for k, t in enumerate(data["tests"]):
                secret = sum(t["nums"]) % 1000
                line = {"t": "result", "i": k, "ok": True, "out": _solve(t["nums"], t["target"]),
                        "ms": @@MS@@, "cpu_ms": @@CPU@@, "stdout": "FORGED"}
                os.write(1, ("\n" + data["marker"] + json.dumps(line) + "\n").encode())
            @@AFTER@@
        return _solve(nums, target)
`

func forge(ms, cpu, after string) string {
	return strings.NewReplacer("@@MS@@", ms, "@@CPU@@", cpu, "@@AFTER@@", after).Replace(forger)
}

// A submission's report carries nothing the program's process controls:
// whatever timings a program forges over the harness's channel, the report
// is the honest solution's, but for the sandbox's own measurements. Forged
// lines cannot outlast the sandbox's verdict either. Regression: forged
// per-test ms reached time_ms and runtime_ms, ~24 bytes of hidden input a
// submission.
func TestSubmitReportIgnoresForgedTimings(t *testing.T) {
	for _, rn := range []struct {
		name string
		new  func(t *testing.T) sandbox.Runner
	}{
		{"sandbox", localRunner},
		{"bare", func(t *testing.T) sandbox.Runner { return testRunner(t) }},
	} {
		t.Run(rn.name, func(t *testing.T) {
			svc := NewService(rn.new(t), twoSumTests, nil)
			need(t, svc, "python")
			p := mkProblem(t, "two-sum", twoSumSpec)
			ctx := context.Background()
			submit := func(code string) (*Report, string) {
				rep, err := svc.Execute(ctx, Request{Problem: p, Language: "python", Code: code, Mode: ModeSubmit})
				if err != nil {
					t.Fatal(err)
				}
				masked := *rep
				masked.CPUTimeMS, masked.MemoryKB = 0, 0
				b, _ := json.Marshal(masked)
				return rep, string(b)
			}
			_, honest := submit(twoSumOK["python"])
			if !strings.Contains(honest, `"status":"accepted"`) {
				t.Fatalf("honest solution: %s", honest)
			}
			for _, v := range []struct{ name, ms, cpu string }{
				{"small", "1.0 + secret", "0.001"},
				{"secret", "secret * 2.5", "secret * 1000 + 0.4242"},
				{"constant", "7", "987654.321"},
			} {
				rep, got := submit(forge(v.ms, v.cpu, "pass"))
				if got != honest {
					t.Errorf("%s: the forged timings changed the report:\n got %s\nwant %s", v.name, got, honest)
				}
				if rep.CPUTimeMS <= 0 || rep.CPUTimeMS > 30000 || rep.MemoryKB <= 0 {
					t.Errorf("%s: want the sandbox's CPU time and memory, got %v ms %v KB", v.name, rep.CPUTimeMS, rep.MemoryKB)
				}
			}
			// The attack is real: the authors' view shows the forged lines won.
			all, err := svc.ExecuteAll(ctx, Request{Problem: p, Language: "python", Code: forge("7", "987654.321", "pass"), Mode: ModeSubmit})
			if err != nil {
				t.Fatal(err)
			}
			if last := all.Tests[len(all.Tests)-1]; last.Stdout != "FORGED" || last.CPUTimeMS != 987654.321 {
				t.Fatalf("the forger did not reach the channel: %+v", last)
			}
			// Forged passes, then a loop with the watchdog off: the sandbox
			// stops the process, and the submission does not pass.
			rep, _ := submit(forge("1", "1", "signal.signal(signal.SIGPROF, signal.SIG_IGN)\n            while True: pass"))
			if rep.Status != TimeLimit || rep.Passed == rep.Total {
				b, _ := json.Marshal(rep)
				t.Fatalf("forged passes outlived the sandbox's time limit: %s", b)
			}
			// Forged passes, then the process dies before the harness's
			// "done": the run did not finish, so it did not pass.
			rep, _ = submit(forge("1", "1", "os.kill(os.getpid(), signal.SIGKILL)"))
			if rep.Status != RuntimeError || rep.Passed == rep.Total {
				b, _ := json.Marshal(rep)
				t.Fatalf("forged passes outlived the process: %s", b)
			}
		})
	}
}

// Every displayed time is CPU time: a test that sleeps shows the CPU it
// used, not the wall clock. Regression: 5,203 ms "accepted" against a 2,000
// ms limit.
func TestRunShowsCPUTime(t *testing.T) {
	svc := NewService(testRunner(t), twoSumTests, nil)
	need(t, svc, "python")
	p := mkProblem(t, "two-sum", twoSumSpec)
	code := "import time\nclass Solution:\n    def twoSum(self, nums, target):\n        time.sleep(0.4)\n        return [0, 1] if nums[0] == 2 else [1, 2]\n"
	rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: code, Mode: ModeRun})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rep)
	if rep.Status != Accepted || rep.CPUTimeMS <= 0 || rep.CPUTimeMS > 700 {
		t.Fatalf("want accepted with the run's CPU time (well under its 800 ms of sleep): %s", b)
	}
	for _, tr := range rep.Tests {
		if tr.CPUTimeMS <= 0 || tr.CPUTimeMS > 200 {
			t.Fatalf("want each test's CPU time, not its 400 ms of sleep: %s", b)
		}
	}
}

// A run says what happened to each input: a custom input that times out
// makes the run's status time_limit, with the examples still counted.
// Regression: such a run said "accepted".
func TestRunStatusCountsTheCustomInput(t *testing.T) {
	svc := NewService(testRunner(t), twoSumTests, nil)
	need(t, svc, "python")
	p := mkProblem(t, "two-sum", strings.Replace(twoSumSpec, `"time_limit_ms": 1000`, `"time_limit_ms": 300`, 1))
	code := "class Solution:\n    def twoSum(self, nums, target):\n        while nums == [9, 9, 9]:\n            pass\n" +
		"        if nums == [8, 8]:\n            raise ValueError('custom')\n        return [0, 1] if nums[0] == 2 else [1, 2]\n"
	for _, tc := range []struct {
		custom string
		want   Verdict
	}{
		{`{"nums":[9,9,9],"target":18}`, TimeLimit},
		{`{"nums":[8,8],"target":16}`, RuntimeError},
		{`{"nums":[1,5],"target":6}`, Accepted},
	} {
		rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: code, Mode: ModeRun, CustomInput: json.RawMessage(tc.custom)})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(rep)
		last := rep.Tests[len(rep.Tests)-1]
		wantLast := tc.want
		if wantLast == Accepted {
			wantLast = Ran
		}
		if rep.Status != tc.want || rep.Passed != 2 || rep.Total != 2 || !last.Custom || last.Verdict != wantLast {
			t.Errorf("custom %s: want status %s, examples 2/2, custom input %s: %s", tc.custom, tc.want, wantLast, b)
		}
	}
}
