package judge

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const charSpec = `{"signature": {"function": "mark", "params": [{"name": "grid", "type": "char[][]"}, {"name": "c", "type": "char"}], "returns": "char[][]"}}`

var charTests = memTests{
	tc(`{"grid":[["1","0"],["0","1"]],"c":"#"}`, `[["#","0"],["0","#"]]`, true),
	tc(`{"grid":[["1"]],"c":"x"}`, `[["x"]]`, true),
	tc(`{"grid":[["0","0","1"]],"c":"\""}`, `[["0","0","\""]]`, false),
}

// Each language takes char[][] and char in its own character type.
var charOK = map[string]string{
	"python":     "class Solution:\n    def mark(self, grid: List[List[str]], c: str) -> List[List[str]]:\n        return [[c if x == '1' else x for x in row] for row in grid]\n",
	"javascript": "function mark(grid, c) {\n    return grid.map((r) => r.map((x) => (x === '1' ? c : x)));\n}\n",
	"typescript": "function mark(grid: string[][], c: string): string[][] {\n    return grid.map((r) => r.map((x) => (x === '1' ? c : x)));\n}\n",
	"java": "class Solution {\n    public char[][] mark(char[][] grid, char c) {\n        for (char[] row : grid) for (int j = 0; j < row.length; j++) if (row[j] == '1') row[j] = c;\n" +
		"        return grid;\n    }\n}\n",
	"go": "func mark(grid [][]byte, c byte) [][]byte {\n\tfor _, row := range grid {\n\t\tfor j := range row {\n\t\t\tif row[j] == '1' {\n\t\t\t\trow[j] = c\n\t\t\t}\n\t\t}\n\t}\n\treturn grid\n}\n",
	"cpp": "class Solution {\npublic:\n    vector<vector<char>> mark(vector<vector<char>>& grid, char c) {\n        for (auto& row : grid) for (auto& x : row) if (x == '1') x = c;\n" +
		"        return grid;\n    }\n};\n",
}

// The starter shows each language's character type.
var charStarter = map[string]string{
	"python":     "def mark(self, grid: List[List[str]], c: str) -> List[List[str]]:",
	"javascript": "@param {string[][]} grid",
	"typescript": "function mark(grid: string[][], c: string): string[][]",
	"java":       "public char[][] mark(char[][] grid, char c)",
	"go":         "func mark(grid [][]byte, c byte) [][]byte",
	"cpp":        "vector<vector<char>> mark(vector<vector<char>>& grid, char c)",
}

func TestCharType(t *testing.T) {
	svc := NewService(testRunner(t), charTests, nil)
	p := mkProblem(t, "mark", charSpec)
	spec, _ := ParseSpec(p.Spec)
	for _, lang := range LanguageNames() {
		t.Run(lang, func(t *testing.T) {
			starter, err := Starter(spec, lang)
			if err != nil || !strings.Contains(starter, charStarter[lang]) {
				t.Fatalf("starter %v:\n%s\nwant it to contain %q", err, starter, charStarter[lang])
			}
			need(t, svc, lang)
			rep, err := svc.ExecuteAll(context.Background(), Request{Problem: p, Language: lang, Code: charOK[lang], Mode: ModeSubmit})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != Accepted || rep.Passed != 3 {
				b, _ := json.MarshalIndent(rep, "", " ")
				t.Fatalf("want accepted 3/3:\n%s", b)
			}
		})
	}
	if err := CheckValue(MustType("char[][]"), json.RawMessage(`[["1","ab"]]`)); err == nil {
		t.Error("a two-character string passed as a char")
	}
}
