package judge

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// Each case's code has its fault on line 3 where it has a line.
var faulty = map[string]map[string]string{
	"wrong": {
		"python":     "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 0]\n",
		"javascript": "function twoSum(nums, target) {\n    // wrong\n    return [0, 0];\n}\n",
		"typescript": "function twoSum(nums: number[], target: number): number[] {\n    // wrong\n    return [0, 0];\n}\n",
		"java":       "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return new int[]{0, 0};\n    }\n}\n",
		"go":         "func twoSum(nums []int, target int) []int {\n\t// wrong\n\treturn []int{0, 0}\n}\n",
		"cpp":        "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { return {0, 0}; }\n};\n",
	},
	"crash": {
		"python":     "class Solution:\n    def twoSum(self, nums, target):\n        return [nums[100]]\n",
		"javascript": "function twoSum(nums, target) {\n    let x = null;\n    return x.length;\n}\n",
		"typescript": "function twoSum(nums: number[], target: number): number[] {\n    let x: any = null;\n    return x.length;\n}\n",
		"java":       "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return new int[]{nums[100]};\n    }\n}\n",
		"go":         "func twoSum(nums []int, target int) []int {\n\ti := 100\n\treturn []int{nums[i]}\n}\n",
		"cpp":        "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { throw std::out_of_range(\"boom\"); }\n};\n",
	},
	"compile": {
		"python":     "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 0\n",
		"javascript": "function twoSum(nums, target) {\n    let x = 1;\n    return [0, 0;\n}\n",
		"typescript": "function twoSum(nums: number[], target: number): number[] {\n    let x = 1;\n    return [0, 0;\n}\n",
		"java":       "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return new int[]{0, 0}\n    }\n}\n",
		"go":         "func twoSum(nums []int, target int) []int {\n\t_ = 1\n\treturn []int{0, y}\n}\n",
		"cpp":        "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { return {0, y}; }\n};\n",
	},
	"loop": {
		"python":     "class Solution:\n    def twoSum(self, nums, target):\n        while True: pass\n",
		"javascript": "function twoSum(nums, target) {\n    for (;;) {}\n}\n",
		"typescript": "function twoSum(nums: number[], target: number): number[] {\n    for (;;) {}\n}\n",
		"java":       "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        while (true) {}\n    }\n}\n",
		"go":         "func twoSum(nums []int, target int) []int {\n\tfor {\n\t}\n}\n",
		"cpp":        "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { volatile int x = 0; while (true) x++; }\n};\n",
	},
}

func TestExecuteVerdicts(t *testing.T) {
	svc := NewService(testRunner(t), twoSumTests, nil)
	p := mkProblem(t, "two-sum", strings.Replace(twoSumSpec, `"time_limit_ms": 1000`, `"time_limit_ms": 300`, 1))
	for _, kind := range []string{"wrong", "crash", "compile", "loop"} {
		for _, lang := range LanguageNames() {
			t.Run(kind+"/"+lang, func(t *testing.T) {
				need(t, svc, lang)
				rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: lang, Code: faulty[kind][lang], Mode: ModeRun})
				if err != nil {
					t.Fatal(err)
				}
				b, _ := json.MarshalIndent(rep, "", " ")
				first := rep.Tests[0]
				switch kind {
				case "wrong":
					if rep.Status != WrongAnswer || string(first.Got) != "[0,0]" || string(first.Expected) != "[0,1]" {
						t.Fatalf("want wrong_answer with got and expected:\n%s", b)
					}
				case "crash":
					if rep.Status != RuntimeError || first.Verdict != RuntimeError || first.Error == "" {
						t.Fatalf("want runtime_error on the first test:\n%s", b)
					}
					// C++ has no trace; TypeScript's bundle has no source map.
					if lang != "cpp" && lang != "typescript" && !strings.Contains(first.Trace, ":3") && !strings.Contains(first.Trace, "line 3") {
						t.Fatalf("want a trace at the candidate's line 3:\n%s", b)
					}
					if strings.Contains(first.Trace, "main.") || strings.Contains(first.Trace, "harness") {
						t.Fatalf("harness frames leaked into the trace:\n%s", b)
					}
				case "compile":
					if rep.Status != CompileErr || rep.CompileError == nil || rep.CompileError.Line != 3 || rep.CompileError.Message == "" {
						t.Fatalf("want a compile error at line 3:\n%s", b)
					}
				case "loop":
					if rep.Status != TimeLimit || first.Verdict != TimeLimit || rep.Tests[1].Verdict != NotRun {
						t.Fatalf("want time_limit then not_run:\n%s", b)
					}
				}
			})
		}
	}
}

// A submit report must carry no trace of a hidden test's data.
func TestSubmitHidesHiddenTests(t *testing.T) {
	secretIn, secretOut := `{"nums":[424242,575757],"target":999999}`, `[0,1]`
	tests := memTests{tc(`{"nums":[2,7,11,15],"target":9}`, `[0,1]`, true), tc(`{"nums":[3,2,4],"target":6}`, `[1,2]`, true), tc(secretIn, secretOut, false)}
	svc := NewService(testRunner(t), tests, nil)
	p := mkProblem(t, "two-sum", twoSumSpec)
	code := "class Solution:\n    def twoSum(self, nums, target):\n        print('leak', nums)\n        if nums[0] == 424242: raise ValueError(str(nums))\n        return [0, 1] if nums[0] == 2 else [1, 2]\n"
	need(t, svc, "python")
	rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: code, Mode: ModeSubmit})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rep)
	for _, secret := range []string{"424242", "575757", "999999"} {
		if strings.Contains(string(b), secret) {
			t.Fatalf("hidden data %s in the report: %s", secret, b)
		}
	}
	if rep.Hidden == nil || rep.Hidden.Total != 1 || rep.Hidden.Verdicts[RuntimeError] != 1 || rep.Hidden.FirstFailure != RuntimeError {
		t.Fatalf("hidden summary: %s", b)
	}
	if rep.Status != RuntimeError || rep.Passed != 2 || rep.Total != 3 {
		t.Fatalf("status: %s", b)
	}
	// The authors' view shows it all.
	all, err := svc.ExecuteAll(context.Background(), Request{Problem: p, Language: "python", Code: code, Mode: ModeSubmit})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(all); !strings.Contains(string(b), "424242") {
		t.Fatalf("ExecuteAll should reveal hidden tests: %s", b)
	}
}

func TestRunWithCustomInput(t *testing.T) {
	svc := NewService(testRunner(t), twoSumTests, nil)
	p := mkProblem(t, "two-sum", twoSumSpec)
	need(t, svc, "python")
	rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: twoSumOK["python"], Mode: ModeRun,
		CustomInput: json.RawMessage(`{"nums":[1,5,9],"target":14}`)})
	if err != nil {
		t.Fatal(err)
	}
	last := rep.Tests[len(rep.Tests)-1]
	if rep.Status != Accepted || rep.Total != 2 || !last.Custom || last.Verdict != Ran || string(last.Got) != "[1,2]" {
		b, _ := json.Marshal(rep)
		t.Fatalf("custom input: %s", b)
	}
	for _, bad := range []string{`[1]`, `{"nums":[1]}`, `{"nums":"x","target":1}`, `{"nums":[1],"target":1,"extra":2}`} {
		if _, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: twoSumOK["python"], Mode: ModeRun, CustomInput: json.RawMessage(bad)}); err == nil {
			t.Errorf("custom input %s: want an error", bad)
		}
	}
}
