package judge

import (
	"context"
	"encoding/json"
	"github.com/mockroom/mockroom/sandbox/bare"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/sandbox"
)

// memTests is a TestSource over a fixed slice.
type memTests []problem.TestCase

func (m memTests) AllTests(context.Context, string) ([]problem.TestCase, error) { return m, nil }

func tc(in, out string, example bool) problem.TestCase {
	return problem.TestCase{Input: json.RawMessage(in), ExpectedOutput: json.RawMessage(out), IsExample: example, IsHidden: !example}
}

func mkProblem(t testing.TB, slug, spec string) *problem.Problem {
	t.Helper()
	s, err := ParseSpec([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(s)
	return &problem.Problem{ID: slug, Slug: slug, Spec: b}
}

const twoSumSpec = `{"signature": {"function": "twoSum", "params": [{"name": "nums", "type": "int[]"}, {"name": "target", "type": "int"}], "returns": "int[]"}, "checker": "unordered", "time_limit_ms": 1000}`

var twoSumTests = memTests{
	tc(`{"nums":[2,7,11,15],"target":9}`, `[0,1]`, true),
	tc(`{"nums":[3,2,4],"target":6}`, `[1,2]`, true),
	tc(`{"nums":[3,3],"target":6}`, `[0,1]`, false),
	tc(`{"nums":[-1,-2,-3,-4,-5],"target":-8}`, `[2,4]`, false),
}

var twoSumOK = map[string]string{
	"python": `class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                print("found", i)
                return [seen[target - x], i]
            seen[x] = i
`,
	"javascript": `function twoSum(nums, target) {
    const seen = new Map();
    for (let i = 0; i < nums.length; i++) {
        if (seen.has(target - nums[i])) { console.log("found", i); return [seen.get(target - nums[i]), i]; }
        seen.set(nums[i], i);
    }
}
`,
	"typescript": `function twoSum(nums: number[], target: number): number[] {
    const seen = new Map<number, number>();
    for (let i = 0; i < nums.length; i++) {
        if (seen.has(target - nums[i])) { console.log("found", i); return [seen.get(target - nums[i])!, i]; }
        seen.set(nums[i], i);
    }
    return [];
}
`,
	"java": `class Solution {
    public int[] twoSum(int[] nums, int target) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            if (seen.containsKey(target - nums[i])) { System.out.println("found " + i); return new int[]{seen.get(target - nums[i]), i}; }
            seen.put(nums[i], i);
        }
        return new int[0];
    }
}
`,
	"go": `import "fmt"

func twoSum(nums []int, target int) []int {
	seen := map[int]int{}
	for i, x := range nums {
		if j, ok := seen[target-x]; ok {
			fmt.Println("found", i)
			return []int{j, i}
		}
		seen[x] = i
	}
	return nil
}
`,
	"cpp": `class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        unordered_map<int, int> seen;
        for (int i = 0; i < (int)nums.size(); i++) {
            auto it = seen.find(target - nums[i]);
            if (it != seen.end()) { cout << "found " << i << endl; return {it->second, i}; }
            seen[nums[i]] = i;
        }
        return {};
    }
};
`,
}

func testRunner(t testing.TB) sandbox.Runner {
	return bare.New(t.TempDir())
}

func need(t *testing.T, svc *Service, lang string) {
	t.Helper()
	testenv.NeedToolchain(t, lang, svc.Languages())
}

func TestExecuteAcceptsEveryLanguage(t *testing.T) {
	svc := NewService(testRunner(t), twoSumTests, nil)
	p := mkProblem(t, "two-sum", twoSumSpec)
	for _, lang := range LanguageNames() {
		t.Run(lang, func(t *testing.T) {
			need(t, svc, lang)
			rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: lang, Code: twoSumOK[lang], Mode: ModeSubmit})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.MarshalIndent(rep, "", " ")
			if rep.Status != Accepted || rep.Passed != 4 || rep.Total != 4 {
				t.Fatalf("want accepted 4/4, got:\n%s", b)
			}
			// A submission's program runs beside the hidden inputs, so what
			// it prints is withheld; a run shows it.
			if len(rep.Tests) != 2 || rep.Tests[0].Stdout != "" {
				t.Fatalf("want the two examples without their stdout, got:\n%s", b)
			}
			if rep.Hidden == nil || rep.Hidden.Total != 2 || rep.Hidden.Passed != 2 {
				t.Fatalf("hidden summary: %s", b)
			}
			run, err := svc.Execute(context.Background(), Request{Problem: p, Language: lang, Code: twoSumOK[lang], Mode: ModeRun})
			if err != nil || run.Status != Accepted || len(run.Tests) != 2 || !strings.Contains(run.Tests[0].Stdout, "found 1") {
				t.Fatalf("run: want the two examples with their stdout, got %v %+v", err, run)
			}
		})
	}
}

// TestFreshSolutionPerTest: each test gets a new Solution, as on the big
// judges, so a member a candidate fills (a memo, a counter) starts empty on
// every test. Regression: C++ and Python kept one instance for the run,
// and a correct memoised solution failed its second test.
func TestFreshSolutionPerTest(t *testing.T) {
	const spec = `{"signature": {"function": "visits", "params": [{"name": "n", "type": "int"}], "returns": "int"}, "time_limit_ms": 1000}`
	tests := memTests{tc(`{"n":5}`, `1`, true), tc(`{"n":6}`, `1`, true), tc(`{"n":7}`, `1`, false)}
	code := map[string]string{
		"python": "class Solution:\n    def __init__(self):\n        self.seen = 0\n    def visits(self, n: int) -> int:\n        self.seen += 1\n        return self.seen\n",
		"java":   "class Solution {\n    private int seen;\n    public int visits(int n) {\n        return ++seen;\n    }\n}\n",
		"cpp":    "class Solution {\n    int seen;\n    int big[1 << 22];\npublic:\n    int visits(int n) {\n        big[n]++;\n        return ++seen + big[0];\n    }\n};\n",
	}
	svc := NewService(testRunner(t), tests, nil)
	p := mkProblem(t, "visits", spec)
	for lang, src := range code {
		t.Run(lang, func(t *testing.T) {
			need(t, svc, lang)
			rep, err := svc.ExecuteAll(context.Background(), Request{Problem: p, Language: lang, Code: src, Mode: ModeSubmit})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != Accepted {
				b, _ := json.MarshalIndent(rep, "", " ")
				t.Fatalf("want accepted (a fresh, zeroed Solution per test), got:\n%s", b)
			}
		})
	}
}
