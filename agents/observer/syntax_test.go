package observer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/sandbox/bare"
)

func twoSum(t testing.TB) *problem.Problem {
	t.Helper()
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	e, ok := lib.Get("two-sum")
	if !ok {
		t.Fatal("no two-sum")
	}
	return &e.Problem
}

// TestSyntaxErrorsAtTheirLines: each language's toolchain finds the error
// at the candidate's line, and the fixed code has none.
func TestSyntaxErrorsAtTheirLines(t *testing.T) {
	p := twoSum(t)
	c := NewSyntaxChecker(bare.New(t.TempDir()))
	tests := []struct {
		lang, broken, fixed string
		line                int
		message             string // a word of the toolchain's message
	}{
		{"python", "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n        for i, x in enumerate(nums)\n            seen[x] = i\n        return []\n",
			"class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n        for i, x in enumerate(nums):\n            seen[x] = i\n        return []\n", 4, "SyntaxError"},
		{"python", "class Solution:\n    def twoSum(self, nums, target):\n        if nums:\n        return []\n",
			"class Solution:\n    def twoSum(self, nums, target):\n        if nums:\n            return []\n", 4, "IndentationError"},
		{"javascript", "/**\n * @param {number[]} nums\n */\nfunction twoSum(nums, target) {\n  const seen = new Map();\n  let x = ;\n  return [];\n}\n",
			"/**\n * @param {number[]} nums\n */\nfunction twoSum(nums, target) {\n  const seen = new Map();\n  let x = 1;\n  return [];\n}\n", 6, "Unexpected"},
		{"typescript", "function twoSum(nums: number[], target: number): number[] {\n  const seen = new Map<number, number>();\n  for (let i = 0; i < nums.length; i++ {\n  }\n  return [];\n}\n",
			"function twoSum(nums: number[], target: number): number[] {\n  const seen = new Map<number, number>();\n  for (let i = 0; i < nums.length; i++) {\n  }\n  return [];\n}\n", 3, "Expected"},
		{"java", "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        Map<Integer, Integer> seen = new HashMap<>();\n        int x = 1\n        return new int[0];\n    }\n}\n",
			"class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        Map<Integer, Integer> seen = new HashMap<>();\n        int x = 1;\n        return new int[0];\n    }\n}\n", 4, "expected"},
		{"go", "func twoSum(nums []int, target int) []int {\n\tseen := map[int]int{}\n\tfor i, x := range nums {\n\t\tseen[x] = i\n\t}\n\treturn []int{\n}\n",
			"func twoSum(nums []int, target int) []int {\n\tseen := map[int]int{}\n\tfor i, x := range nums {\n\t\tseen[x] = i\n\t}\n\treturn []int{}\n}\n", 7, "syntax"},
		{"cpp", "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        unordered_map<int, int> seen;\n        int x = (1;\n        return {};\n    }\n};\n",
			"class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        unordered_map<int, int> seen;\n        int x = 1;\n        return {x};\n    }\n};\n", 5, "expected"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			testenv.NeedToolchain(t, tc.lang, c.Languages())
			errs, err := c.Check(context.Background(), p, tc.lang, tc.broken)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) == 0 || errs[0].Line != tc.line || !strings.Contains(errs[0].Message, tc.message) {
				t.Fatalf("broken: got %+v; want line %d with %q", errs, tc.line, tc.message)
			}
			errs, err = c.Check(context.Background(), p, tc.lang, tc.fixed)
			if err != nil || len(errs) != 0 {
				t.Fatalf("fixed: got %+v, %v; want no errors", errs, err)
			}
		})
	}
}

// TestParseDiagnostics reads each toolchain's own words (as captured from
// the real tools) with no toolchain installed.
func TestParseDiagnostics(t *testing.T) {
	tests := []struct {
		lang, diag string
		lines      int
		want       []int // lines of the errors found
	}{
		{"python", "  File \"main.py\", line 3\n    for i in range(3)\n                     ^\nSyntaxError: expected ':'\n", 5, []int{3}},
		{"python", "Sorry: IndentationError: expected an indented block after 'if' statement on line 2 (main.py, line 3)", 5, []int{3}},
		{"javascript", "/w/main.js:2\n  let x = ;\n          ^\n\nSyntaxError: Unexpected token ';'\n    at wrapSafe (node:internal/modules/cjs/loader:1464:18)\n", 5, []int{2}},
		{"typescript", "✘ [ERROR] Expected \")\" but found \"{\"\n\n    main.ts:3:38:\n      3 │   for (let i = 0; i < nums.length; i++ {\n", 6, []int{3}},
		{"java", "Solution.java:4: error: ';' expected\n        int x = 1\n                 ^\nSolution.java:9: error: class, interface, enum, or record expected\n1 error\n", 8, []int{4}},
		{"go", "solution.go:3:2: declared and not used: x\nsolution.go:3:2: declared and not used: x\nharness.go:10:2: undefined: y\n", 5, []int{3}},
		{"go", "harness.go:15:6: syntax error: unexpected name mr_map, expected (\n", 7, []int{7}},
		{"cpp", "solution.cpp:5:19: error: expected ')' before ';' token\nharness.cpp:3:1: error: x\n", 8, []int{5}},
		{"cpp", "harness.cpp:40:1: error: expected '}' at end of input\n", 8, []int{8}},
		{"python", "", 5, nil},
	}
	for _, tc := range tests {
		got := parseDiagnostics(tc.lang, tc.diag, tc.lines, tc.lines)
		var lines []int
		for _, e := range got {
			if e.Message == "" {
				t.Errorf("%s: an error without a message", tc.lang)
			}
			lines = append(lines, e.Line)
		}
		if !slices.Equal(lines, tc.want) {
			t.Errorf("%s %q: lines %v, want %v", tc.lang, tc.diag, lines, tc.want)
		}
	}
}
