package judge

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/problem"
)

// boxSpec is a small design problem: a stack that starts with one value.
const boxSpec = `{"signature": {"class": "Box", "constructor": [{"name": "start", "type": "int"}], "methods": [
	{"name": "push", "params": [{"name": "x", "type": "int"}], "returns": "void"},
	{"name": "pop", "params": [], "returns": "int"},
	{"name": "total", "params": [], "returns": "long"},
	{"name": "isEmpty", "params": [], "returns": "bool"},
	{"name": "tag", "params": [{"name": "names", "type": "string[]"}], "returns": "string"}]}, "time_limit_ms": 2000}`

var boxTests = memTests{
	tc(`{"operations": ["Box", "push", "push", "pop", "total", "pop", "isEmpty", "pop", "isEmpty"], "arguments": [[5], [7], [9], [], [], [], [], [], []]}`,
		`[null, null, null, 9, 12, 7, false, 5, true]`, true),
	tc(`{"operations": ["Box", "push", "tag", "total"], "arguments": [[2000000000], [2000000000], [["a", "b", "c"]], []]}`,
		`[null, null, "b", 4000000000]`, false),
	tc(`{"operations": ["Box", "isEmpty"], "arguments": [[1], []]}`, `[null, false]`, false),
}

// boxCode holds a correct Box in each language; "%POP%" is the index of the
// element pop takes (the top: n - 1) and "%CAP%" a capacity past which push
// throws, so that the wrong variants are one edit away.
var boxCode = map[string]string{
	"python": `class Box:
    def __init__(self, start: int):
        self.s = [start]

    def push(self, x: int) -> None:
        if len(self.s) >= %CAP%:
            raise ValueError("full")
        self.s.append(x)

    def pop(self) -> int:
        n = len(self.s)
        return self.s.pop(%POP%)

    def total(self) -> int:
        return sum(self.s)

    def isEmpty(self) -> bool:
        return not self.s

    def tag(self, names: List[str]) -> str:
        return names[len(self.s) - 1]
`,
	"javascript": `class Box {
    constructor(start) { this.s = [start]; }
    push(x) { if (this.s.length >= %CAP%) throw new Error("full"); this.s.push(x); }
    pop() { const n = this.s.length; return this.s.splice(%POP%, 1)[0]; }
    total() { return this.s.reduce((a, b) => a + b, 0); }
    isEmpty() { return this.s.length === 0; }
    tag(names) { return names[this.s.length - 1]; }
}
`,
	"typescript": `class Box {
    s: number[];
    constructor(start: number) { this.s = [start]; }
    push(x: number): void { if (this.s.length >= %CAP%) throw new Error("full"); this.s.push(x); }
    pop(): number { const n = this.s.length; return this.s.splice(%POP%, 1)[0]; }
    total(): number { return this.s.reduce((a, b) => a + b, 0); }
    isEmpty(): boolean { return this.s.length === 0; }
    tag(names: string[]): string { return names[this.s.length - 1]; }
}
`,
	"java": `class Box {
    private final List<Integer> s = new ArrayList<>();
    public Box(int start) { s.add(start); }
    public void push(int x) { if (s.size() >= %CAP%) throw new IllegalStateException("full"); s.add(x); }
    public int pop() { int n = s.size(); return s.remove(%POP%); }
    public long total() { long t = 0; for (int x : s) t += x; return t; }
    public boolean isEmpty() { return s.isEmpty(); }
    public String tag(String[] names) { return names[s.size() - 1]; }
}
`,
	"go": `type Box struct {
	s []int
}

func Constructor(start int) Box {
	return Box{s: []int{start}}
}

func (this *Box) Push(x int) {
	if len(this.s) >= %CAP% {
		panic("full")
	}
	this.s = append(this.s, x)
}

func (this *Box) Pop() int {
	n := len(this.s)
	i := %POP%
	_ = n
	x := this.s[i]
	this.s = append(this.s[:i], this.s[i+1:]...)
	return x
}

func (this *Box) Total() int64 {
	var t int64
	for _, x := range this.s {
		t += int64(x)
	}
	return t
}

func (this *Box) IsEmpty() bool { return len(this.s) == 0 }

func (this *Box) Tag(names []string) string { return names[len(this.s)-1] }
`,
	"cpp": `class Box {
    vector<int> s;
public:
    Box(int start) { s.push_back(start); }
    void push(int x) { if ((int)s.size() >= %CAP%) throw runtime_error("full"); s.push_back(x); }
    int pop() { int n = s.size(); int i = %POP%; int x = s[i]; s.erase(s.begin() + i); return x; }
    long long total() { long long t = 0; for (int x : s) t += x; return t; }
    bool isEmpty() { return s.empty(); }
    string tag(vector<string>& names) { return names[s.size() - 1]; }
};
`,
}

func boxVariant(lang, pop, capacity string) string {
	return strings.NewReplacer("%POP%", pop, "%CAP%", capacity).Replace(boxCode[lang])
}

func TestDesignHarness(t *testing.T) {
	svc := NewService(testRunner(t), boxTests, nil)
	p := mkProblem(t, "box", boxSpec)
	ctx := context.Background()
	for _, lang := range LanguageNames() {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			need(t, svc, lang)
			show := func(rep *Report) string { b, _ := json.MarshalIndent(rep, "", " "); return string(b) }

			// A correct class passes every test.
			rep, err := svc.ExecuteAll(ctx, Request{Problem: p, Language: lang, Code: boxVariant(lang, "n - 1", "100"), Mode: ModeSubmit})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != Accepted || rep.Passed != 3 {
				t.Fatalf("correct class: want accepted 3/3, got\n%s", show(rep))
			}

			// pop takes the bottom: the first pop (call 3) is wrong.
			rep, err = svc.Execute(ctx, Request{Problem: p, Language: lang, Code: boxVariant(lang, "0", "100"), Mode: ModeRun})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != WrongAnswer || len(rep.Tests) != 1 || rep.Tests[0].Error != "call 3: pop() returned 5, expected 9" {
				t.Fatalf("wrong pop: want the call named, got\n%s", show(rep))
			}

			// push throws on the second push (call 2).
			rep, err = svc.Execute(ctx, Request{Problem: p, Language: lang, Code: boxVariant(lang, "n - 1", "2"), Mode: ModeRun})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != RuntimeError || len(rep.Tests) != 1 || !strings.HasPrefix(rep.Tests[0].Error, "call 2: push(9): ") || !strings.Contains(rep.Tests[0].Error, "full") {
				t.Fatalf("throwing push: want the call named, got\n%s", show(rep))
			}

			// A submission says which verdict, never which call of a hidden test.
			rep, err = svc.Execute(ctx, Request{Problem: p, Language: lang, Code: boxVariant(lang, "0", "100"), Mode: ModeSubmit})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != WrongAnswer || strings.Contains(show(rep), "call ") {
				t.Fatalf("submit: want the verdict only, got\n%s", show(rep))
			}

			// The starter compiles or loads, and fails.
			starter, _ := Starter(mkSpec(t, boxSpec), lang)
			rep, err = svc.Execute(ctx, Request{Problem: p, Language: lang, Code: starter, Mode: ModeRun})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status == Accepted {
				t.Fatalf("the starter passed:\n%s", show(rep))
			}
		})
	}
}

func TestDesignCustomInput(t *testing.T) {
	svc := NewService(testRunner(t), boxTests, nil)
	p := mkProblem(t, "box", boxSpec)
	need(t, svc, "python")
	rep, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: boxVariant("python", "n - 1", "100"), Mode: ModeRun,
		CustomInput: json.RawMessage(`{"operations": ["Box", "pop", "isEmpty"], "arguments": [[4], [], []]}`)})
	if err != nil {
		t.Fatal(err)
	}
	last := rep.Tests[len(rep.Tests)-1]
	if !last.Custom || last.Verdict != Ran || string(last.Got) != "[null,4,true]" {
		t.Fatalf("custom input: got %+v", last)
	}
	_, err = svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: boxVariant("python", "n - 1", "100"), Mode: ModeRun,
		CustomInput: json.RawMessage(`{"operations": ["Box", "peek"], "arguments": [[4], []]}`)})
	if err == nil || !strings.Contains(err.Error(), `"peek" is not a method of Box`) {
		t.Fatalf("custom input with an unknown operation: got %v", err)
	}
}

func mkSpec(t *testing.T, raw string) *Spec {
	t.Helper()
	s, err := ParseSpec([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCheckDesignInput(t *testing.T) {
	sig := mkSpec(t, boxSpec).Signature
	for _, c := range []struct {
		in, err string
	}{
		{`{"operations": ["Box", "push", "pop"], "arguments": [[1], [2], []]}`, ""},
		{`{"operations": ["Box", "peek"], "arguments": [[1], []]}`, `operations[1]: "peek" is not a method of Box`},
		{`{"operations": ["push"], "arguments": [[1]]}`, `operations[0]: "push", want the constructor "Box"`},
		{`{"operations": ["Box", "Box"], "arguments": [[1], [1]]}`, `the constructor "Box" may only come first`},
		{`{"operations": [], "arguments": []}`, `operations: empty`},
		{`{"operations": ["Box", "pop"], "arguments": [[1]]}`, `arguments has 1 entries for 2 operations`},
		{`{"operations": ["Box", "push"], "arguments": [[1], []]}`, `arguments[1]: push takes 1 arguments, got 0`},
		{`{"operations": ["Box", "push"], "arguments": [[1], ["x"]]}`, `arguments[1][0] (x of push): want int`},
		{`{"operations": ["Box", "push"], "arguments": [[1], [2147483648]]}`, `does not fit a 32-bit int`},
		{`{"operations": ["Box"], "arguments": [[1]], "extra": 1}`, `unknown field "extra"`},
		{`{"operations": ["Box"]}`, `missing "arguments"`},
		{`[1]`, `want a JSON object`},
	} {
		err := CheckDesignInput(sig, json.RawMessage(c.in))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: got %v, want %q", c.in, err, c.err)
		}
	}
	in := json.RawMessage(`{"operations": ["Box", "push", "pop", "isEmpty"], "arguments": [[1], [2], [], []]}`)
	for _, c := range []struct{ out, err string }{
		{`[null, null, 2, false]`, ""},
		{`[null, null, 2]`, "3 results for 4 operations"},
		{`[1, null, 2, false]`, "returns nothing"},
		{`[null, 0, 2, false]`, "push returns nothing"},
		{`[null, null, "2", false]`, "(pop): want int"},
		{`{}`, "want an array"},
	} {
		err := CheckDesignOutput(sig, in, json.RawMessage(c.out))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: got %v, want %q", c.out, err, c.err)
		}
	}
}

func TestDesignSpecValidation(t *testing.T) {
	for _, c := range []struct{ spec, err string }{
		{`{"signature": {"class": "Box", "methods": [{"name": "get", "params": [], "returns": "int"}]}}`, ""},
		{`{"signature": {"class": "Box", "methods": []}}`, "at least one method"},
		{`{"signature": {"class": "Box", "function": "f", "methods": [{"name": "get", "params": [], "returns": "int"}]}}`, "not function"},
		{`{"signature": {"function": "f", "params": [{"name": "a", "type": "int"}], "returns": "int", "methods": [{"name": "get", "params": [], "returns": "int"}]}}`, "set class"},
		{`{"signature": {"class": "Solution", "methods": [{"name": "get", "params": [], "returns": "int"}]}}`, "signature.class"},
		{`{"signature": {"class": "Box", "methods": [{"name": "get", "params": [], "returns": "int"}, {"name": "Get", "params": [], "returns": "int"}]}}`, "appears twice"},
		{`{"signature": {"class": "Box", "methods": [{"name": "constructor", "params": [], "returns": "int"}]}}`, "not a usable method name"},
		{`{"signature": {"class": "Box", "methods": [{"name": "get", "params": [{"name": "x", "type": "void"}], "returns": "int"}]}}`, "type"},
		{`{"signature": {"class": "Box", "methods": [{"name": "get", "params": [], "returns": "map"}]}}`, "returns"},
		{`{"signature": {"class": "Box", "constructor": [{"name": "a", "type": "int"}, {"name": "a", "type": "int"}], "methods": [{"name": "get", "params": [], "returns": "int"}]}}`, "appears twice"},
	} {
		_, err := ParseSpec([]byte(c.spec))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: got %v, want %q", c.spec, err, c.err)
		}
	}
}

func TestDesignStarters(t *testing.T) {
	s := mkSpec(t, boxSpec)
	want := map[string][]string{
		"python":     {"class Box:", "def __init__(self, start: int):", "def push(self, x: int) -> None:", "def tag(self, names: List[str]) -> str:"},
		"javascript": {"class Box {", "constructor(start) {", "@param {string[]} names", "isEmpty() {"},
		"typescript": {"class Box {", "constructor(start: number) {", "push(x: number): void {", "total(): number {"},
		"java":       {"class Box {", "public Box(int start) {", "public void push(int x) {", "public String tag(String[] names) {"},
		"go":         {"type Box struct {", "func Constructor(start int) Box {", "func (this *Box) Push(x int) {", "func (this *Box) Tag(names []string) string {"},
		"cpp":        {"class Box {", "public:", "Box(int start) {", "void push(int x) {", "string tag(vector<string>& names) {"},
	}
	for lang, parts := range want {
		code, err := Starter(s, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			if !strings.Contains(code, p) {
				t.Errorf("%s starter lacks %q:\n%s", lang, p, code)
			}
		}
	}
}

var _ = problem.TestCase{}
