package problems

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

func TestLoadEmbedded(t *testing.T) {
	lib, err := LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Entries) < 3 {
		t.Fatalf("want the library, got %d problems", len(lib.Entries))
	}
	for _, e := range lib.Entries {
		if len(e.Problem.StarterCode) != len(judge.LanguageNames()) || e.Problem.Description == "" || len(e.Solution.Code) != len(judge.LanguageNames()) {
			t.Errorf("%s: incomplete entry", e.Problem.Slug)
		}
		if !strings.HasPrefix(e.Solution.Explanation, "## Approach") {
			t.Errorf("%s: the editorial must open with ## Approach", e.Problem.Slug)
		}
		for _, bound := range []string{e.Problem.TimeComplexity, e.Problem.SpaceComplexity} {
			bound, _, _ = strings.Cut(bound, ",") // "O(amount * k), k = ..." states the bound first
			if !strings.Contains(e.Solution.Explanation, bound) {
				t.Errorf("%s: the editorial's complexity must match problem.json's %s", e.Problem.Slug, bound)
			}
		}
		for _, tc := range e.Tests {
			if tc.IsExample == tc.IsHidden {
				t.Errorf("%s: a test is both or neither example and hidden", e.Problem.Slug)
			}
		}
	}
}

// echoGuide is the interviewer's knowledge of the test problem (JSON fields).
const echoGuide = `"clarifications":[{"topic":"input_size","keywords":["size"],"answer":"n is small."},
	{"topic":"duplicates","keywords":["duplicate"],"answer":"One number."},{"topic":"negatives","keywords":["negative"],"answer":"No."},
	{"topic":"empty","keywords":["empty"],"answer":"Never empty."},{"topic":"output_order","keywords":["return"],"answer":"Return n."}],
	"pitfalls":["p"],"edge_cases":["e1","e2"],"follow_ups":["f"],`

// echoEditorial is the test problem's editorial, every section present.
const echoEditorial = "## Approach\n\nReturn n.\n\n## Why it works\n\nIt is n.\n\n## Complexity\n\n- Time: O(1)\n\n## Common wrong turns\n\n- n + 1.\n"

// validFS is a minimal valid problem; each case breaks one thing.
func validFS() fstest.MapFS {
	tests := `[{"name":"e1","input":{"n":1},"output":1,"example":true},{"name":"e2","input":{"n":2},"output":2,"example":true}`
	for i := 3; i <= 14; i++ {
		tests += `,{"name":"h` + string(rune('0'+i)) + `","input":{"n":3},"output":3}`
	}
	tests += `,{"name":"big","input":{"n":4},"output":4,"large":true}]`
	fs := fstest.MapFS{
		"echo/problem.json": {Data: []byte(`{"title":"Echo","difficulty":"easy","pattern":"Math","categories":["Math"],"companies":[],"hints":["h"],` + echoGuide + `
			"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"}}`)},
		"echo/statement.md": {Data: []byte("Return `n`.")},
		"echo/editorial.md": {Data: []byte(echoEditorial)},
		"echo/tests.json":   {Data: []byte(tests)},
	}
	for _, l := range judge.Languages() {
		fs["echo/solutions/"+l.SolutionFile] = &fstest.MapFile{Data: []byte("x")}
	}
	return fs
}

func validProblemJSON() string { return string(validFS()["echo/problem.json"].Data) }

func TestLoadErrors(t *testing.T) {
	if _, err := Load(validFS(), judge.LanguageNames()); err != nil {
		t.Fatalf("the valid problem: %v", err)
	}
	for _, c := range []struct {
		name, file, data, want string
	}{
		{"bad difficulty", "echo/problem.json", `{"title":"Echo","difficulty":"extreme","pattern":"Math","categories":["x"],"hints":["h"],` + echoGuide + `"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"}}`, "echo/problem.json: difficulty"},
		{"bad pattern", "echo/problem.json", `{"title":"Echo","difficulty":"easy","pattern":"Vibes","categories":["x"],"hints":["h"],` + echoGuide + `"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"}}`, `echo/problem.json: pattern: "Vibes" is not one of`},
		{"bad type", "echo/problem.json", `{"title":"Echo","difficulty":"easy","pattern":"Math","categories":["x"],"hints":["h"],` + echoGuide + `"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"integer"}],"returns":"int"}}`, "signature.params[0].type"},
		{"unknown field", "echo/problem.json", `{"titel":"Echo"}`, "unknown field"},
		{"missing param", "echo/tests.json", `[{"name":"e1","input":{},"output":1,"example":true}]`, `test 1 ("e1"): input: missing parameter "n"`},
		{"wrong output type", "echo/tests.json", `[{"name":"e1","input":{"n":1},"output":"1","example":true}]`, `test 1 ("e1"): output`},
		{"too few tests", "echo/tests.json", `[{"name":"e1","input":{"n":1},"output":1,"example":true},{"name":"e2","input":{"n":1},"output":1,"example":true}]`, "at least 12 hidden"},
		{"no statement", "echo/statement.md", ``, "statement.md"},
		{"no editorial", "echo/editorial.md", "  \n", "echo/editorial.md: missing"},
		{"editorial without a section", "echo/editorial.md", strings.Replace(echoEditorial, "## Why it works\n", "## Why\n", 1), `echo/editorial.md: missing the section "## Why it works"`},
		{"limit of an unknown language", "echo/problem.json", `{"title":"Echo","difficulty":"easy","pattern":"Math","categories":["x"],"hints":["h"],` + echoGuide + `"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"},"time_limits_ms":{"cobol":500}}`, `echo/problem.json: time_limits_ms: "cobol" is not a language`},
		{"language limit out of range", "echo/problem.json", `{"title":"Echo","difficulty":"easy","pattern":"Math","categories":["x"],"hints":["h"],` + echoGuide + `"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"},"time_limits_ms":{"cpp":20}}`, "echo/problem.json: time_limits_ms.cpp: 20 is outside"},
		{"no clarifications", "echo/problem.json", `{"title":"Echo","difficulty":"easy","pattern":"Math","categories":["x"],"hints":["h"],"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"},"pitfalls":["p"],"edge_cases":["a","b"],"follow_ups":["f"]}`, `echo/problem.json: clarifications: no answer for the topic "input_size"`},
		{"a topic unanswered", "echo/problem.json", strings.Replace(validProblemJSON(), `{"topic":"empty","keywords":["empty"],"answer":"Never empty."},`, "", 1), `no answer for the topic "empty"`},
		{"a topic twice", "echo/problem.json", strings.Replace(validProblemJSON(), `"topic":"empty"`, `"topic":"negatives"`, 1), `"negatives" answered twice`},
		{"no keywords", "echo/problem.json", strings.Replace(validProblemJSON(), `"keywords":["size"]`, `"keywords":[]`, 1), "(input_size).keywords: at least one"},
		{"upper-case keyword", "echo/problem.json", strings.Replace(validProblemJSON(), `"keywords":["size"]`, `"keywords":["Size"]`, 1), "must be lower case"},
		{"empty answer", "echo/problem.json", strings.Replace(validProblemJSON(), `"answer":"No."`, `"answer":" "`, 1), "(negatives).answer: required"},
		{"one edge case", "echo/problem.json", strings.Replace(validProblemJSON(), `"edge_cases":["e1","e2"]`, `"edge_cases":["e1"]`, 1), "edge_cases: want at least 2, got 1"},
		{"no follow-ups", "echo/problem.json", strings.Replace(validProblemJSON(), `"follow_ups":["f"],`, "", 1), "follow_ups: want at least 1, got 0"},
		{"wrong solution named solution.go", "echo/wrong/off-by-one/solution.go", `x`, "echo/wrong/off-by-one/solution.go: name it solution.go.txt"},
		{"wrong folder without a solution", "echo/wrong/off-by-one/notes.md", `x`, "echo/wrong/off-by-one: no solution file"},
		{"wrong file outside a folder", "echo/wrong/solution.py", `x`, "echo/wrong/solution.py: want a folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := validFS()
			fs[c.file] = &fstest.MapFile{Data: []byte(c.data)}
			_, err := Load(fs, judge.LanguageNames())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error mentioning %q, got %v", c.want, err)
			}
		})
	}
}

func TestLoadWrongAndLimits(t *testing.T) {
	fs := validFS()
	fs["echo/problem.json"] = &fstest.MapFile{Data: []byte(`{"title":"Echo","difficulty":"easy","pattern":"Math","categories":["Math"],"hints":["h"],` + echoGuide + `
		"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"},
		"time_limit_ms":1500,"time_limits_ms":{"cpp":200,"python":3000}}`)}
	fs["echo/wrong/off-by-one/solution.py"] = &fstest.MapFile{Data: []byte("py")}
	fs["echo/wrong/off-by-one/solution.go.txt"] = &fstest.MapFile{Data: []byte("go")}
	fs["echo/wrong/overflow/Solution.java"] = &fstest.MapFile{Data: []byte("java")}
	lib, err := Load(fs, judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Get("echo")
	if len(e.Wrong) != 2 || e.Wrong[0].Name != "off-by-one" || e.Wrong[0].Code["go"] != "go" || e.Wrong[0].Code["python"] != "py" ||
		e.Wrong[1].Name != "overflow" || len(e.Wrong[1].Code) != 1 {
		t.Errorf("wrong solutions: %+v", e.Wrong)
	}
	for lang, want := range map[string]int{"cpp": 200, "python": 3000, "java": 1500} {
		if got := e.Spec.LimitMS(lang); got != want {
			t.Errorf("LimitMS(%s) = %d, want %d", lang, got, want)
		}
	}
	spec, err := judge.ParseSpec(e.Problem.Spec)
	if err != nil || spec.LimitMS("cpp") != 200 {
		t.Errorf("the stored spec lost the per-language limits: %v %+v", err, spec)
	}
}

// TestLibraryPolicy holds the library to what verify cannot see: every
// language has its own calibrated limit, and a brute force, where there is
// one, exists in every language so that no language can pass it.
func TestLibraryPolicy(t *testing.T) {
	lib, err := LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	// The library's promise (issue 10): at least 80 problems, 30 easy, 35
	// medium and 15 hard, 6 design problems, and every pattern covered.
	byDifficulty, byPattern, design := map[string]int{}, map[string]int{}, 0
	for _, e := range lib.Entries {
		byDifficulty[e.Problem.Difficulty]++
		byPattern[e.Problem.Pattern]++
		if e.Spec.Signature.IsDesign() {
			design++
		}
	}
	if n := len(lib.Entries); n < 80 {
		t.Errorf("%d problems, want at least 80", n)
	}
	for d, want := range map[string]int{"easy": 30, "medium": 35, "hard": 15} {
		if byDifficulty[d] < want {
			t.Errorf("%d %s problems, want at least %d", byDifficulty[d], d, want)
		}
	}
	if design < 6 {
		t.Errorf("%d design problems, want at least 6", design)
	}
	for _, p := range problem.Patterns {
		if byPattern[p] == 0 {
			t.Errorf("no problem trains the pattern %q", p)
		}
	}
	wrong := 0
	for _, e := range lib.Entries {
		for _, l := range judge.Languages() {
			lang := l.Name
			if _, ok := e.Spec.TimeLimitsMS[lang]; !ok {
				t.Errorf("%s/problem.json: time_limits_ms has no %s", e.Problem.Slug, lang)
			}
			if _, ok := e.Brute[lang]; len(e.Brute) > 0 && !ok {
				t.Errorf("%s/brute: no %s: a brute force must be in every language", e.Problem.Slug, l.SolutionFile)
			}
		}
		wrong += len(e.Wrong)
	}
	// The two wrong solutions issue 7 found accepted stay in the library.
	for _, c := range []struct{ slug, wrong, lang string }{
		{"binary-search", "overflowing-difference", "java"},
		{"binary-search", "overflowing-difference", "cpp"},
	} {
		e, _ := lib.Get(c.slug)
		if e == nil || !slices.ContainsFunc(e.Wrong, func(w Wrong) bool { return w.Name == c.wrong && w.Code[c.lang] != "" }) {
			t.Errorf("%s/wrong/%s: missing in %s", c.slug, c.wrong, c.lang)
		}
	}
	if e, _ := lib.Get("group-anagrams"); e == nil || !strings.Contains(e.Brute["cpp"], "isAnagram(group[0], word)") {
		t.Errorf("group-anagrams/brute: want the compare-with-every-group solution issue 7 found accepted")
	}
}

// TestEmbeddedGuides: every problem of the library gives the interviewer its
// knowledge, and none of it reaches a candidate through the API's JSON.
func TestEmbeddedGuides(t *testing.T) {
	lib, err := LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lib.Entries {
		g := e.Problem.Guide
		if len(g.Clarifications) < len(problem.ClarifyTopics) || len(g.Pitfalls) == 0 || len(g.EdgeCases) < 2 || len(g.FollowUps) == 0 {
			t.Errorf("%s: guide incomplete: %+v", e.Problem.Slug, g)
		}
		raw, _ := json.Marshal(e.Problem)
		for _, secret := range []string{g.Clarifications[0].Answer, g.Pitfalls[0], g.FollowUps[0], "clarifications", "pitfalls"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("%s: the problem's JSON carries %q", e.Problem.Slug, secret)
			}
		}
	}
}

// designFS is validFS with echo turned into a design problem: a counter.
func designFS(tests string) fstest.MapFS {
	fs := validFS()
	pj := strings.Replace(validProblemJSON(), `"signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"}`,
		`"signature":{"class":"Counter","constructor":[{"name":"start","type":"int"}],"methods":[
			{"name":"add","params":[{"name":"k","type":"int"}],"returns":"void"},{"name":"get","params":[],"returns":"int"}]}`, 1)
	fs["echo/problem.json"] = &fstest.MapFile{Data: []byte(pj)}
	fs["echo/tests.json"] = &fstest.MapFile{Data: []byte(tests)}
	return fs
}

func designTests(extra string) string {
	tests := `[{"name":"e1","input":{"operations":["Counter","get"],"arguments":[[1],[]]},"output":[null,1],"example":true},
		{"name":"e2","input":{"operations":["Counter","add","get"],"arguments":[[1],[2],[]]},"output":[null,null,3],"example":true}`
	for i := 3; i <= 13; i++ {
		tests += `,{"name":"h` + strconv.Itoa(i) + `","input":{"operations":["Counter","get"],"arguments":[[5],[]]},"output":[null,5]}`
	}
	return tests + `,{"name":"big","input":{"operations":["Counter","get"],"arguments":[[4],[]]},"output":[null,4],"large":true}` + extra + `]`
}

func TestLoadDesign(t *testing.T) {
	lib, err := Load(designFS(designTests("")), judge.LanguageNames())
	if err != nil {
		t.Fatalf("the valid design problem: %v", err)
	}
	e := lib.Entries[0]
	if !e.Spec.Signature.IsDesign() || e.Spec.Signature.Class != "Counter" || len(e.Spec.Signature.Methods) != 2 {
		t.Fatalf("signature: %+v", e.Spec.Signature)
	}
	if !strings.Contains(e.Problem.StarterCode["go"], "func Constructor(start int) Counter {") ||
		!strings.Contains(e.Problem.StarterCode["python"], "def add(self, k: int) -> None:") {
		t.Fatalf("starter code: %v", e.Problem.StarterCode)
	}
	if string(e.Tests[1].Input) != `{"operations":["Counter","add","get"],"arguments":[[1],[2],[]]}` {
		t.Fatalf("the input is not compacted: %s", e.Tests[1].Input)
	}
	for _, c := range []struct{ extra, want string }{
		{`,{"name":"x","input":{"operations":["Counter","peek"],"arguments":[[1],[]]},"output":[null,1]}`, `test 15 ("x"): input: operations[1]: "peek" is not a method of Counter`},
		{`,{"name":"x","input":{"operations":["get"],"arguments":[[]]},"output":[1]}`, `input: operations[0]: "get", want the constructor "Counter"`},
		{`,{"name":"x","input":{"operations":["Counter","add"],"arguments":[[1],["2"]]},"output":[null,null]}`, `input: arguments[1][0] (k of add): want int`},
		{`,{"name":"x","input":{"operations":["Counter","add"],"arguments":[[1],[2,3]]},"output":[null,null]}`, `add takes 1 arguments, got 2`},
		{`,{"name":"x","input":{"operations":["Counter","get"],"arguments":[[1],[]]},"output":[null]}`, `output: 1 results for 2 operations`},
		{`,{"name":"x","input":{"operations":["Counter","add"],"arguments":[[1],[2]]},"output":[null,2]}`, `output: [1]: add returns nothing, want null`},
		{`,{"name":"x","input":{"operations":["Counter","get"],"arguments":[[1],[]]},"output":[null,true]}`, `output: [1] (get): want int`},
		{`,{"name":"x","input":{"n":1},"output":1}`, `input: unknown field "n"`},
	} {
		_, err := Load(designFS(designTests(c.extra)), judge.LanguageNames())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.extra, err, c.want)
		}
	}
}
