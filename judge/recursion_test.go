package judge

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/sandbox"
)

// localRunner is the real sandbox, shared by the tests that need what only
// it does (its run commands, its stdin, its measurements).
func localRunner(t *testing.T) sandbox.Runner {
	t.Helper()
	return localSandbox(t)
}

const deep = 100000

// Recursive solutions within the constraints pass in every language: a
// recursive reversal of a 10^5-node list, and a recursive flood fill 10^5
// cells deep. Regression: Node's default stack stopped near 11,000 frames.
var recursive = map[string]struct{ spec, test, want string }{
	"reverse": {
		`{"signature": {"function": "reverseList", "params": [{"name": "head", "type": "ListNode"}], "returns": "ListNode"}, "time_limit_ms": 5000}`,
		`{"head":` + seq(deep, false) + `}`, seq(deep, true),
	},
	"flood": {
		`{"signature": {"function": "numIslands", "params": [{"name": "grid", "type": "char[][]"}], "returns": "int"}, "time_limit_ms": 5000}`,
		`{"grid":[[` + strings.TrimSuffix(strings.Repeat(`"1",`, deep), ",") + `]]}`, `1`,
	},
}

var recursiveCode = map[string]map[string]string{
	"reverse": {
		"python": "class Solution:\n    def reverseList(self, head):\n        if head is None or head.next is None:\n            return head\n" +
			"        new = self.reverseList(head.next)\n        head.next.next = head\n        head.next = None\n        return new\n",
		"javascript": "function reverseList(head) {\n    if (head === null || head.next === null) return head;\n" +
			"    const n = reverseList(head.next);\n    head.next.next = head;\n    head.next = null;\n    return n;\n}\n",
		"typescript": "function reverseList(head: ListNode | null): ListNode | null {\n    if (head === null || head.next === null) return head;\n" +
			"    const n = reverseList(head.next);\n    head.next.next = head;\n    head.next = null;\n    return n;\n}\n",
		"java": "class Solution {\n    public ListNode reverseList(ListNode head) {\n        if (head == null || head.next == null) return head;\n" +
			"        ListNode n = reverseList(head.next);\n        head.next.next = head;\n        head.next = null;\n        return n;\n    }\n}\n",
		"go": "func reverseList(head *ListNode) *ListNode {\n\tif head == nil || head.Next == nil {\n\t\treturn head\n\t}\n" +
			"\tn := reverseList(head.Next)\n\thead.Next.Next = head\n\thead.Next = nil\n\treturn n\n}\n",
		"cpp": "class Solution {\npublic:\n    ListNode* reverseList(ListNode* head) {\n        if (!head || !head->next) return head;\n" +
			"        ListNode* n = reverseList(head->next);\n        head->next->next = head;\n        head->next = nullptr;\n        return n;\n    }\n};\n",
	},
	"flood": {
		"python": "class Solution:\n    def numIslands(self, grid):\n        def sink(r, c):\n" +
			"            if r < 0 or c < 0 or r >= len(grid) or c >= len(grid[0]) or grid[r][c] != '1':\n                return\n" +
			"            grid[r][c] = '0'\n            sink(r + 1, c)\n            sink(r - 1, c)\n            sink(r, c + 1)\n            sink(r, c - 1)\n" +
			"        n = 0\n        for r in range(len(grid)):\n            for c in range(len(grid[0])):\n" +
			"                if grid[r][c] == '1':\n                    n += 1\n                    sink(r, c)\n        return n\n",
		"javascript": jsFlood,
		"typescript": strings.Replace(strings.Replace(jsFlood, "(grid)", "(grid: string[][]): number", 1), "(r, c)", "(r: number, c: number): void", 1),
		"java": "class Solution {\n    char[][] g;\n    void sink(int r, int c) {\n" +
			"        if (r < 0 || c < 0 || r >= g.length || c >= g[0].length || g[r][c] != '1') return;\n" +
			"        g[r][c] = '0';\n        sink(r + 1, c); sink(r - 1, c); sink(r, c + 1); sink(r, c - 1);\n    }\n" +
			"    public int numIslands(char[][] grid) {\n        g = grid;\n        int n = 0;\n" +
			"        for (int r = 0; r < g.length; r++) for (int c = 0; c < g[0].length; c++) if (g[r][c] == '1') { n++; sink(r, c); }\n" +
			"        return n;\n    }\n}\n",
		"go": "func numIslands(grid [][]byte) int {\n\tvar sink func(r, c int)\n\tsink = func(r, c int) {\n" +
			"\t\tif r < 0 || c < 0 || r >= len(grid) || c >= len(grid[0]) || grid[r][c] != '1' {\n\t\t\treturn\n\t\t}\n" +
			"\t\tgrid[r][c] = '0'\n\t\tsink(r+1, c)\n\t\tsink(r-1, c)\n\t\tsink(r, c+1)\n\t\tsink(r, c-1)\n\t}\n" +
			"\tn := 0\n\tfor r := range grid {\n\t\tfor c := range grid[r] {\n\t\t\tif grid[r][c] == '1' {\n\t\t\t\tn++\n\t\t\t\tsink(r, c)\n\t\t\t}\n\t\t}\n\t}\n\treturn n\n}\n",
		"cpp": "class Solution {\npublic:\n    void sink(vector<vector<char>>& g, int r, int c) {\n" +
			"        if (r < 0 || c < 0 || r >= (int)g.size() || c >= (int)g[0].size() || g[r][c] != '1') return;\n" +
			"        g[r][c] = '0';\n        sink(g, r + 1, c); sink(g, r - 1, c); sink(g, r, c + 1); sink(g, r, c - 1);\n    }\n" +
			"    int numIslands(vector<vector<char>>& grid) {\n        int n = 0;\n" +
			"        for (int r = 0; r < (int)grid.size(); r++) for (int c = 0; c < (int)grid[0].size(); c++) if (grid[r][c] == '1') { n++; sink(grid, r, c); }\n" +
			"        return n;\n    }\n};\n",
	},
}

const jsFlood = "function numIslands(grid) {\n    function sink(r, c) {\n" +
	"        if (r < 0 || c < 0 || r >= grid.length || c >= grid[0].length || grid[r][c] !== '1') return;\n" +
	"        grid[r][c] = '0';\n        sink(r + 1, c); sink(r - 1, c); sink(r, c + 1); sink(r, c - 1);\n    }\n" +
	"    let n = 0;\n    for (let r = 0; r < grid.length; r++) for (let c = 0; c < grid[0].length; c++) if (grid[r][c] === '1') { n++; sink(r, c); }\n" +
	"    return n;\n}\n"

// seq is [1..n] as JSON, or [n..1].
func seq(n int, down bool) string {
	var b strings.Builder
	b.WriteString("[")
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(",")
		}
		v := i
		if down {
			v = n + 1 - i
		}
		fmt.Fprint(&b, v)
	}
	b.WriteString("]")
	return b.String()
}

func TestDeepRecursion(t *testing.T) {
	runners := []struct {
		name string
		new  func(t *testing.T) sandbox.Runner
	}{
		{"sandbox", localRunner},
		{"bare", func(t *testing.T) sandbox.Runner { return testRunner(t) }},
	}
	for _, rn := range runners {
		t.Run(rn.name, func(t *testing.T) {
			r := rn.new(t)
			for _, kind := range []string{"reverse", "flood"} {
				k := recursive[kind]
				p := mkProblem(t, kind, k.spec)
				// Hidden, as the large tests of a problem are.
				svc := NewService(r, memTests{tc(k.test, k.want, false)}, nil)
				for _, lang := range LanguageNames() {
					t.Run(kind+"/"+lang, func(t *testing.T) {
						need(t, svc, lang)
						rep, err := svc.ExecuteAll(context.Background(), Request{Problem: p, Language: lang, Code: recursiveCode[kind][lang], Mode: ModeSubmit})
						if err != nil {
							t.Fatal(err)
						}
						if rep.Status != Accepted {
							rep.Tests[0].Input, rep.Tests[0].Expected, rep.Tests[0].Got = nil, nil, nil
							b, _ := json.MarshalIndent(rep, "", " ")
							t.Fatalf("want accepted:\n%s", b)
						}
					})
				}
			}
		})
	}
}
