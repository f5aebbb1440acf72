package problems

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/problems/gen"
)

// Generate draws e's generated tests (problems/gen), computes each output
// with the reference solution in langs[0], cross-checks it in the others
// (under the problem's checker), and returns tests.json with the old
// generated tests replaced by the new ones after the hand-written ones,
// which keep their bytes.
func Generate(ctx context.Context, svc *judge.Service, e *Entry, testsJSON []byte, langs []string) ([]byte, error) {
	slug := e.Problem.Slug
	cases, err := gen.Run(slug)
	if err != nil {
		return nil, err
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("%s: the generator made no tests", slug)
	}
	g, _ := gen.Lookup(slug)
	tests := make([]problem.TestCase, len(cases))
	for i, c := range cases {
		in, err := checkInput(e.Spec, c.Input)
		if err != nil {
			return nil, fmt.Errorf("%s: generated test %q: %v", slug, c.Name, err)
		}
		if err := g.Valid(in); err != nil {
			return nil, fmt.Errorf("%s: generated test %q breaks the constraints: %v", slug, c.Name, err)
		}
		tests[i] = problem.TestCase{Input: in, ExpectedOutput: json.RawMessage("null"), IsHidden: true, OrderIndex: i}
	}
	check, ok := judge.CheckerFor(e.Spec, slug)
	if !ok {
		return nil, fmt.Errorf("%s: no checker", slug)
	}
	var outputs []json.RawMessage
	for k, lang := range langs {
		code, ok := e.Solution.Code[lang]
		if !ok {
			return nil, fmt.Errorf("%s: no reference solution in %s", slug, lang)
		}
		gsvc := judge.NewService(svc.Runner(), fixedTests(tests), nil)
		p := e.Problem
		rep, err := gsvc.ExecuteAll(ctx, judge.Request{Problem: &p, Language: lang, Code: code, Mode: judge.ModeSubmit})
		if err != nil {
			return nil, fmt.Errorf("%s: running the %s reference: %v", slug, lang, err)
		}
		if rep.CompileError != nil || rep.Error != "" {
			return nil, fmt.Errorf("%s: the %s reference did not run: %s%s", slug, lang, rep.Error, compileMessage(rep))
		}
		for i, t := range rep.Tests {
			if len(t.Got) == 0 || t.Verdict == judge.TimeLimit || t.Verdict == judge.RuntimeError || t.Verdict == judge.MemoryLimit {
				return nil, fmt.Errorf("%s: the %s reference failed on generated test %q: %s %s", slug, lang, cases[i].Name, t.Verdict, t.Error)
			}
			if k == 0 {
				outputs = append(outputs, t.Got)
				continue
			}
			if !check(tests[i].Input, outputs[i], t.Got) {
				return nil, fmt.Errorf("%s: the references disagree on generated test %q: %s says %s, %s says %s",
					slug, cases[i].Name, langs[0], clip(string(outputs[i])), lang, clip(string(t.Got)))
			}
		}
	}

	var old []json.RawMessage
	if err := json.Unmarshal(testsJSON, &old); err != nil {
		return nil, fmt.Errorf("%s/tests.json: %v", slug, err)
	}
	var out bytes.Buffer
	out.WriteString("[\n")
	first := true
	emit := func(b []byte) {
		if !first {
			out.WriteString(",\n")
		}
		first = false
		out.WriteString("  ")
		out.Write(bytes.TrimSpace(b))
	}
	for _, raw := range old {
		var t struct {
			Generated bool `json:"generated"`
		}
		json.Unmarshal(raw, &t)
		if !t.Generated {
			emit(raw)
		}
	}
	for i, c := range cases {
		b, _ := json.Marshal(struct {
			Name      string          `json:"name"`
			Input     json.RawMessage `json:"input"`
			Output    json.RawMessage `json:"output"`
			Large     bool            `json:"large,omitempty"`
			Generated bool            `json:"generated"`
		}{c.Name, tests[i].Input, compactJSON(outputs[i]), c.Large, true})
		emit(b)
	}
	out.WriteString("\n]\n")
	return out.Bytes(), nil
}

func compileMessage(rep *judge.Report) string {
	if rep.CompileError == nil {
		return ""
	}
	return "compile error: " + rep.CompileError.Message
}

func compactJSON(b []byte) json.RawMessage {
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		return b
	}
	return out.Bytes()
}

// fixedTests is a judge.TestSource of one problem's tests.
type fixedTests []problem.TestCase

func (f fixedTests) AllTests(context.Context, string) ([]problem.TestCase, error) { return f, nil }

// checkGenerated holds e to its generator: one is registered, it draws the
// same tests twice, the tests marked generated are exactly what it draws
// (names, inputs, large marks, in order), and every test of tests.json and
// every probe input meets the constraints (Valid). "" when all hold.
func checkGenerated(e *Entry) string {
	slug := e.Problem.Slug
	g, ok := gen.Lookup(slug)
	if !ok {
		return fmt.Sprintf("no generator: add problems/gen/%s.go (see problems/README.md)", underscore(slug))
	}
	a, err := gen.Run(slug)
	if err != nil {
		return err.Error()
	}
	b, _ := gen.Run(slug)
	if !slices.EqualFunc(a, b, sameGenerated) {
		return "the generator is not deterministic: two draws with the same seed differ"
	}
	var have []gen.Generated
	for i, tc := range e.Tests {
		if err := g.Valid(tc.Input); err != nil {
			return fmt.Sprintf("test %q breaks the constraints: %v", e.Names[i], err)
		}
		if e.Gen[i] {
			have = append(have, gen.Generated{Name: e.Names[i], Input: tc.Input, Large: e.Large[i]})
		}
	}
	if len(have) == 0 {
		return "tests.json has no generated tests: run mockroom problems generate " + slug
	}
	if !slices.EqualFunc(a, have, sameGenerated) {
		return "the generated tests of tests.json are not what the generator draws: run mockroom problems generate " + slug
	}
	if g.Scale != nil {
		for _, n := range g.Sizes {
			in, err := gen.ProbeInput(slug, n)
			if err != nil {
				return err.Error()
			}
			if _, err := checkInput(e.Spec, in); err != nil {
				return fmt.Sprintf("probe input n=%d: %v", n, err)
			}
			if err := g.Valid(in); err != nil {
				return fmt.Sprintf("probe input n=%d breaks the constraints: %v", n, err)
			}
		}
	}
	return ""
}

func sameGenerated(x, y gen.Generated) bool {
	return x.Name == y.Name && x.Large == y.Large && bytes.Equal(compactJSON(x.Input), compactJSON(y.Input))
}

func underscore(slug string) string {
	b := []byte(slug)
	for i := range b {
		if b[i] == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}
