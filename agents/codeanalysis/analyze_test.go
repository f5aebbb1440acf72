package codeanalysis

import (
	"testing"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
)

// TestReferenceSolutions reads every problem's reference and brute-force
// solutions in every language: a reference is never estimated worse than
// its problem's optimum, a brute force never as good, where the reading
// can tell. Unknown is allowed; most must be told.
//
// staticMisreads are problems whose solutions this static reader is known to
// misjudge (amortised monotonic stacks and deques, two pointers inside a
// loop, tree walks per level or per node, recursion it cannot bound). They
// are left out here; the efficiency probe measures an accepted solution's
// growth instead (docs/efficiency-probe.md).
var staticMisreads = map[string]bool{
	"binary-tree-level-order-traversal": true, "binary-tree-maximum-path-sum": true, "daily-temperatures": true,
	"evaluate-reverse-polish-notation": true, "first-missing-positive": true, "house-robber": true,
	"largest-rectangle-in-histogram": true, "min-cost-climbing-stairs": true, "minimum-window-substring": true,
	"next-greater-element": true, "number-of-provinces": true, "recover-tree-from-preorder-traversal": true,
	"sliding-window-maximum": true, "three-sum": true, "time-needed-to-buy-tickets": true, "validate-binary-search-tree": true,
}

func TestReferenceSolutions(t *testing.T) {
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	var told, total int
	for _, e := range lib.Entries {
		optimal := e.Problem.TimeComplexity
		if Normalize(optimal) == "" || staticMisreads[e.Problem.Slug] {
			continue
		}
		for lang, code := range e.Solution.Code {
			total++
			a := Analyze(lang, code, e.Problem.StarterCode[lang])
			if a.Facts.IsStarter {
				t.Errorf("%s/%s: the reference solution reads as the starter", e.Problem.Slug, lang)
			}
			switch got := Approach(a.Complexity, optimal); got {
			case "brute-force":
				t.Errorf("%s/%s reference: estimated %s, worse than the optimum %s", e.Problem.Slug, lang, a.Complexity, optimal)
			case "optimized":
				told++
			}
		}
		for lang, code := range e.Brute {
			total++
			a := Analyze(lang, code, e.Problem.StarterCode[lang])
			switch got := Approach(a.Complexity, optimal); got {
			case "optimized":
				t.Errorf("%s/%s brute force: estimated %s, as good as the optimum %s", e.Problem.Slug, lang, a.Complexity, optimal)
			case "brute-force":
				told++
			}
		}
	}
	if total == 0 || told*10 < total*9 {
		t.Errorf("told %d of %d solutions apart; want at least 90%%", told, total)
	}
}

// TestStarters: every starter reads as the starter and has no loops.
func TestStarters(t *testing.T) {
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lib.Entries {
		for lang, s := range e.Problem.StarterCode {
			a := Analyze(lang, s, s)
			if !a.Facts.IsStarter || a.Facts.MaxLoopDepth != 0 || a.Facts.Recursion {
				t.Errorf("%s/%s starter: %+v", e.Problem.Slug, lang, a.Facts)
			}
			edited := Analyze(lang, s+"\n// x\n", s)
			if lang == "python" {
				edited = Analyze(lang, s+"\n# x\n", s)
			}
			if !edited.Facts.IsStarter {
				t.Errorf("%s/%s: a comment added makes the starter not the starter", e.Problem.Slug, lang)
			}
		}
	}
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name, lang, code string
		complexity       string
		depth            int
		recursion, sorts bool
		hashes           bool
		prints           int
	}{
		{"python nested loops", "python", `
def f(nums):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            print(i, j)
    return 0
`, "O(n^2)", 2, false, false, false, 1},
		{"python words in strings and comments do not count", "python", `
def f(nums):
    s = "for x in y: while True: print(1)"  # for i in range(n): print(i)
    t = '''
for a in b:
    for c in d:
        print(c)
'''
    return s
`, "O(1)", 0, false, false, false, 0},
		{"python sort then a pass", "python", `
def f(nums):
    nums.sort()
    seen = set()
    for x in nums:
        seen.add(x)
    return len(seen)
`, "O(n log n)", 1, false, true, true, 0},
		{"python a sort in a loop's iterable runs once", "python", `
def f(coins, amount):
    count = 0
    for c in sorted(coins, reverse=True):
        count += amount // c
    return count
`, "O(n log n)", 1, false, true, false, 0},
		{"python sliding window: the left edge only moves forward", "python", `
def f(s):
    seen = set()
    left = best = 0
    for right in range(len(s)):
        while s[right] in seen:
            seen.discard(s[left])
            left += 1
        seen.add(s[right])
        best = max(best, right - left + 1)
    return best
`, "O(n)", 2, false, false, true, 0},
		{"java a pointer reset by the outer loop is not monotone", "java", `
class Solution {
    int f(int[] a) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            int j = i;
            while (j < a.length && a[j] >= a[i]) {
                j++;
            }
            n += j - i;
        }
        return n;
    }
}
`, "O(n^2)", 2, false, false, false, 0},
		{"python memoised recursion is not guessed", "python", `
from functools import lru_cache
def f(n):
    @lru_cache(None)
    def go(i):
        if i < 2:
            return i
        return go(i - 1) + go(i - 2)
    return go(n)
`, "", 0, true, false, false, 0},
		{"python list membership in a loop", "python", `
def f(nums):
    out = []
    for x in nums:
        if x not in out:
            out.append(x)
    return out
`, "O(n^2)", 1, false, false, false, 0},
		{"python slice in a loop", "python", `
def f(s):
    for i in range(len(s)):
        if s[i:] == s[i:][::-1]:
            return i
`, "O(n^2)", 1, false, false, false, 0},
		{"javascript callback inside a loop", "javascript", `
function f(nums) {
  let n = 0;
  for (const x of nums) {
    n += nums.filter((y) => y === x).length;
  }
  console.log(n);
  return n;
}
`, "O(n^2)", 2, false, false, false, 1},
		{"javascript strings and template literals hide braces", "javascript", "function f(a) {\n  const s = `for (;;) { ${'}'}`;\n  // for (let i = 0; i < a.length; i++) {\n  /* while (true) { } */\n  return s + \"{\";\n}\n", "O(1)", 0, false, false, false, 0},
		{"javascript arrow recursion without braces", "javascript", "const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2);\n", "O(2^n)", 0, true, false, false, 0},
		{"python a reversed copy is a pass", "python", "def f(s):\n    return s == s[::-1]\n", "O(n)", 0, false, false, false, 0},
		{"python digit loop", "python", `
def f(n):
    s = 0
    while n > 0:
        s += n % 10
        n //= 10
    return s
`, "O(log n)", 1, false, false, false, 0},
		{"typescript halving loop", "typescript", `
function f(n: number): number {
  let steps = 0;
  while (n > 1) {
    n = Math.floor(n / 2);
    steps++;
  }
  return steps;
}
`, "O(log n)", 1, false, false, false, 0},
		{"java nested loops with a map", "java", `
class Solution {
    public int f(int[] a) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                for (int k = 0; k < a.length; k++) {
                    m.put(a[i] + a[j], k);
                }
            }
        }
        System.out.println(m);
        return m.size();
    }
}
`, "O(n^3)", 3, false, false, true, 1},
		{"java constant loop", "java", `
class Solution {
    public int f(String s) {
        int[] counts = new int[26];
        for (int i = 0; i < 26; i++) {
            counts[i] = i;
        }
        return counts[0];
    }
}
`, "O(1)", 1, false, false, false, 0},
		{"go exponential recursion", "go", `
func f(n int) int {
	if n < 2 {
		return n
	}
	fmt.Println(n)
	return f(n-1) + f(n-2)
}
`, "O(2^n)", 0, true, false, false, 1},
		{"go tree recursion", "go", `
func depth(root *TreeNode) int {
	if root == nil {
		return 0
	}
	return 1 + max(depth(root.Left), depth(root.Right))
}
`, "O(n)", 0, true, false, false, 0},
		{"go sort", "go", `
func f(a []int) int {
	sort.Ints(a)
	m := map[int]bool{}
	for _, x := range a {
		m[x] = true
	}
	return len(m)
}
`, "O(n log n)", 1, false, true, true, 0},
		{"cpp two pointers", "cpp", `
class Solution {
public:
    bool f(string s) {
        int i = 0, j = s.size() - 1;
        while (i < j) {
            if (s[i] != s[j]) return false;
            i++;
            j--;
        }
        cout << "done" << endl;
        return true;
    }
};
`, "O(n)", 1, false, false, false, 1},
		{"cpp worklist", "cpp", `
int f(vector<int>& a) {
    unordered_set<int> seen;
    stack<int> st;
    for (int x : a) {
        st.push(x);
        while (!st.empty() && st.top() < x) {
            st.pop();
        }
    }
    return st.size();
}
`, "O(n)", 2, false, false, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Analyze(tc.lang, tc.code, "")
			f := a.Facts
			if a.Complexity != tc.complexity || f.MaxLoopDepth != tc.depth || f.Recursion != tc.recursion ||
				f.Sorts != tc.sorts || f.HashLookups != tc.hashes || f.DebugPrints != tc.prints {
				t.Errorf("got %q %+v; want %q depth %d recursion %v sorts %v hashes %v prints %d",
					a.Complexity, f, tc.complexity, tc.depth, tc.recursion, tc.sorts, tc.hashes, tc.prints)
			}
		})
	}
}

func TestLongestFunction(t *testing.T) {
	tests := []struct {
		lang, code string
		want       int
	}{
		{"python", "def a():\n    x = 1\n    return x\n\n\ndef b():\n    return 2\n", 3},
		{"go", "func a() int {\n\treturn 1\n}\n\nfunc b() int {\n\tx := 1\n\tx++\n\tx++\n\treturn x\n}\n", 6},
		{"javascript", "const f = (a) => {\n  return a;\n};\nfunction g(b) {\n  if (b) {\n    return 1;\n  }\n  return 2;\n}\n", 6},
		{"java", "class S {\n  int f(int a) {\n    return a;\n  }\n}\n", 3},
		{"cpp", "int f(int a) {\n  return a;\n}\n", 3},
	}
	for _, tc := range tests {
		if got := Analyze(tc.lang, tc.code, "").Facts.LongestFuncLen; got != tc.want {
			t.Errorf("%s: longest function %d lines, want %d", tc.lang, got, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b     string
		want     int
		ok       bool
		approach string
	}{
		{"O(n^2)", "O(n)", 1, true, "brute-force"},
		{"O(n)", "O(n)", 0, true, "optimized"},
		{"O(log n)", "O(n)", -1, true, "optimized"},
		{"O(N²)", "O(n log n)", 1, true, "brute-force"},
		{"O(log n)", "O(log(min(m, n)))", 0, true, "optimized"},
		{"O(2^n)", "O(n^3)", 1, true, "brute-force"},
		{"", "O(n)", 0, false, "unknown"},
		{"O(n)", "O(m * n)", 0, false, "unknown"},
		{"O(n)", "O(amount * k), k = number of coin types", 0, false, "unknown"},
	}
	for _, tc := range tests {
		got, ok := Compare(tc.a, tc.b)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Compare(%q, %q) = %d, %v; want %d, %v", tc.a, tc.b, got, ok, tc.want, tc.ok)
		}
		if ap := Approach(tc.a, tc.b); ap != tc.approach {
			t.Errorf("Approach(%q, %q) = %q; want %q", tc.a, tc.b, ap, tc.approach)
		}
	}
}

// FuzzAnalyze: half-typed code of any language never panics the reader.
func FuzzAnalyze(f *testing.F) {
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range lib.Entries[:3] {
		for lang, code := range e.Solution.Code {
			f.Add(lang, code)
			f.Add(lang, code[:len(code)/2])
		}
	}
	f.Fuzz(func(t *testing.T, lang, code string) {
		for _, l := range judge.LanguageNames() {
			a := Analyze(l, code, code)
			if a.Complexity != "" && Normalize(a.Complexity) != a.Complexity {
				t.Fatalf("%s: complexity %q is not on the scale", l, a.Complexity)
			}
		}
	})
}
