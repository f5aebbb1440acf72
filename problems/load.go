package problems

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

// Entry is one loaded problem: what goes into the store, and the files only
// verification needs.
type Entry struct {
	Problem  problem.Problem
	Tests    []problem.TestCase
	Solution problem.Solution
	Brute    map[string]string // language → code
	Wrong    []Wrong           // by name
	Large    []bool            // per test: marked "large"
	Names    []string          // per test
	Gen      []bool            // per test: marked "generated"
	Spec     *judge.Spec
}

// Wrong is a plausible wrong solution (wrong/NAME/ of a problem folder) that
// the tests must reject in every language it is written in.
type Wrong struct {
	Name string
	Code map[string]string // language → code
}

// Library is every problem of a tree, by slug.
type Library struct {
	Entries []*Entry // ordered by slug
	bySlug  map[string]*Entry
}

// Get returns the problem with slug.
func (l *Library) Get(slug string) (*Entry, bool) {
	e, ok := l.bySlug[slug]
	return e, ok
}

// AllTests makes the library a judge.TestSource: a problem's ID is its slug
// until the store gives it another.
func (l *Library) AllTests(_ context.Context, id string) ([]problem.TestCase, error) {
	for _, e := range l.Entries {
		if e.Problem.ID == id || e.Problem.Slug == id {
			return e.Tests, nil
		}
	}
	return nil, mockroom.NotFound("problem")
}

// fileProblem is problem.json, read by Load and written by Source.Files
// (the optional fields are left out when unset, in this order).
type fileProblem struct {
	Title           string          `json:"title"`
	Difficulty      string          `json:"difficulty"`
	Pattern         string          `json:"pattern"`
	Categories      []string        `json:"categories"`
	Companies       []string        `json:"companies"`
	Hints           []string        `json:"hints"`
	TimeComplexity  string          `json:"time_complexity"`
	SpaceComplexity string          `json:"space_complexity"`
	Signature       judge.Signature `json:"signature"`
	Checker         string          `json:"checker,omitempty"`
	FloatTolerance  float64         `json:"float_tolerance,omitempty"`
	FloatMode       string          `json:"float_mode,omitempty"`
	TimeLimitMS     int             `json:"time_limit_ms,omitempty"`
	TimeLimitsMS    map[string]int  `json:"time_limits_ms,omitempty"`
	// The interviewer's knowledge (problem.Guide), required.
	Clarifications []problem.Clarification `json:"clarifications"`
	Pitfalls       []string                `json:"pitfalls"`
	EdgeCases      []string                `json:"edge_cases"`
	FollowUps      []string                `json:"follow_ups"`
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// MaxTestsBytes bounds one tests.json.
const MaxTestsBytes = 300 << 10

// Load reads and validates every problem folder of fsys. Errors name the file
// and the field. Starter code is generated for langs.
func Load(fsys fs.FS, langs []string) (*Library, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	lib := &Library{bySlug: map[string]*Entry{}}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "gen" { // gen: the generators' Go package
			continue
		}
		e, err := loadOne(fsys, d.Name(), langs)
		if err != nil {
			return nil, err
		}
		lib.Entries = append(lib.Entries, e)
		lib.bySlug[e.Problem.Slug] = e
	}
	sort.Slice(lib.Entries, func(i, j int) bool { return lib.Entries[i].Problem.Slug < lib.Entries[j].Problem.Slug })
	return lib, nil
}

// LoadEmbedded loads the library compiled into the binary. The embedded
// files never change, so each set of languages is loaded once per process
// and the same *Library is returned after: treat it as read-only. (Loading
// decodes every test of the library, ~2 s of CPU; the tests start hundreds
// of apps.)
func LoadEmbedded(langs []string) (*Library, error) {
	key := strings.Join(langs, ",")
	embedded.Lock()
	defer embedded.Unlock()
	if l, ok := embedded.libs[key]; ok {
		return l.lib, l.err
	}
	lib, err := Load(FS, langs)
	embedded.libs[key] = loaded{lib, err}
	return lib, err
}

type loaded struct {
	lib *Library
	err error
}

var embedded = struct {
	sync.Mutex
	libs map[string]loaded
}{libs: map[string]loaded{}}

func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data after the JSON value")
	}
	return nil
}

func loadOne(fsys fs.FS, slug string, langs []string) (*Entry, error) {
	bad := func(file, format string, args ...any) error {
		return mockroom.Errorf(mockroom.KindInvalid, "bad_problem", "%s/%s: %s", slug, file, fmt.Sprintf(format, args...))
	}
	if !slugRe.MatchString(slug) {
		return nil, bad("", "the folder name is not a slug (lower-case letters, digits, dashes)")
	}
	raw, err := fs.ReadFile(fsys, path.Join(slug, "problem.json"))
	if err != nil {
		return nil, bad("problem.json", "missing")
	}
	var fp fileProblem
	if err := strictDecode(raw, &fp); err != nil {
		return nil, bad("problem.json", "%v", err)
	}
	switch {
	case strings.TrimSpace(fp.Title) == "":
		return nil, bad("problem.json", "title: required")
	case !slices.Contains(problem.Difficulties, fp.Difficulty):
		return nil, bad("problem.json", "difficulty: %q is not easy, medium or hard", fp.Difficulty)
	case !slices.Contains(problem.Patterns, fp.Pattern):
		return nil, bad("problem.json", "pattern: %q is not one of %s", fp.Pattern, strings.Join(problem.Patterns, ", "))
	case len(fp.Categories) == 0:
		return nil, bad("problem.json", "categories: at least one")
	case len(fp.Hints) == 0 || len(fp.Hints) > 5:
		return nil, bad("problem.json", "hints: want 1 to 5, got %d", len(fp.Hints))
	case fp.TimeComplexity == "" || fp.SpaceComplexity == "":
		return nil, bad("problem.json", "time_complexity and space_complexity: required")
	}
	guide := problem.Guide{Clarifications: fp.Clarifications, Pitfalls: fp.Pitfalls, EdgeCases: fp.EdgeCases, FollowUps: fp.FollowUps}
	if msg := checkGuide(guide); msg != "" {
		return nil, bad("problem.json", "%s", msg)
	}
	spec := &judge.Spec{Signature: fp.Signature, Checker: fp.Checker, FloatTolerance: fp.FloatTolerance, FloatMode: fp.FloatMode,
		TimeLimitMS: fp.TimeLimitMS, TimeLimitsMS: fp.TimeLimitsMS}
	if err := spec.Validate(); err != nil {
		return nil, bad("problem.json", "%s", mockroom.AsError(err).Message)
	}
	if spec.Checker == judge.CheckCustom {
		if _, ok := judge.CustomChecker(slug); !ok {
			return nil, bad("problem.json", "checker: custom, but judge has no checker registered for %q", slug)
		}
	}
	stmt, err := fs.ReadFile(fsys, path.Join(slug, "statement.md"))
	if err != nil || len(bytes.TrimSpace(stmt)) == 0 {
		return nil, bad("statement.md", "missing or empty")
	}

	raw, err = fs.ReadFile(fsys, path.Join(slug, "tests.json"))
	if err != nil {
		return nil, bad("tests.json", "missing")
	}
	if len(raw) > MaxTestsBytes {
		return nil, bad("tests.json", "%d bytes, over the %d limit", len(raw), MaxTestsBytes)
	}
	var fts []SourceTest
	if err := strictDecode(raw, &fts); err != nil {
		return nil, bad("tests.json", "%v", err)
	}
	e := &Entry{Spec: spec, Brute: map[string]string{}}
	names := map[string]bool{}
	examples, hidden, large := 0, 0, 0
	for i, ft := range fts {
		where := fmt.Sprintf("test %d (%q)", i+1, ft.Name)
		if strings.TrimSpace(ft.Name) == "" {
			return nil, bad("tests.json", "test %d: name: required", i+1)
		}
		if names[ft.Name] {
			return nil, bad("tests.json", "%s: name: used twice", where)
		}
		names[ft.Name] = true
		in, err := checkInput(spec, ft.Input)
		if err != nil {
			return nil, bad("tests.json", "%s: input: %v", where, err)
		}
		if len(ft.Output) == 0 {
			return nil, bad("tests.json", "%s: output: required", where)
		}
		if spec.Signature.IsDesign() {
			if err := judge.CheckDesignOutput(spec.Signature, in, ft.Output); err != nil {
				return nil, bad("tests.json", "%s: output: %v", where, err)
			}
		} else if err := judge.CheckValue(judge.MustType(spec.Signature.Returns), ft.Output); err != nil {
			return nil, bad("tests.json", "%s: output: %v", where, err)
		}
		if ft.Example {
			examples++
			if ft.Large {
				return nil, bad("tests.json", "%s: a large test must be hidden, not an example", where)
			}
		} else {
			hidden++
			if ft.Explanation != "" {
				return nil, bad("tests.json", "%s: explanation: only examples have one", where)
			}
		}
		if ft.Large {
			large++
		}
		var out bytes.Buffer
		json.Compact(&out, ft.Output)
		e.Tests = append(e.Tests, problem.TestCase{Input: in, ExpectedOutput: out.Bytes(), IsExample: ft.Example, IsHidden: !ft.Example,
			Explanation: ft.Explanation, OrderIndex: i})
		e.Large = append(e.Large, ft.Large)
		e.Names = append(e.Names, ft.Name)
		e.Gen = append(e.Gen, ft.Generated)
	}
	switch {
	case examples < 2 || examples > 5:
		return nil, bad("tests.json", "want 2 to 5 examples (\"example\": true), got %d", examples)
	case hidden < 12:
		return nil, bad("tests.json", "want at least 12 hidden tests, got %d", hidden)
	case large < 1:
		return nil, bad("tests.json", "want at least one test marked \"large\": true")
	}

	wrongDirs, _ := fs.ReadDir(fsys, path.Join(slug, "wrong"))
	dirs := []string{"solutions", "brute"}
	for _, d := range wrongDirs {
		if !d.IsDir() || !slugRe.MatchString(d.Name()) {
			return nil, bad("wrong/"+d.Name(), "want a folder named like a slug, one per wrong approach")
		}
		dirs = append(dirs, "wrong/"+d.Name())
	}
	for _, dir := range dirs {
		if _, err := fs.Stat(fsys, path.Join(slug, dir, "solution.go")); err == nil {
			return nil, bad(dir+"/solution.go", "name it solution.go.txt: a .go file breaks go vet ./... and go test ./...")
		}
	}
	e.Solution = problem.Solution{Code: map[string]string{}}
	for _, l := range judge.Languages() {
		lang, name := l.Name, l.SolutionFile
		if b, err := fs.ReadFile(fsys, path.Join(slug, "solutions", name)); err == nil {
			e.Solution.Code[lang] = string(b)
		} else {
			return nil, bad("solutions/"+name, "missing: every language needs a reference solution")
		}
		if b, err := fs.ReadFile(fsys, path.Join(slug, "brute", name)); err == nil {
			e.Brute[lang] = string(b)
		}
	}
	editorial, err := fs.ReadFile(fsys, path.Join(slug, "editorial.md"))
	if err != nil || strings.TrimSpace(string(editorial)) == "" {
		return nil, bad("editorial.md", "missing: every problem needs an editorial (approach, why it works, complexity, common wrong turns)")
	}
	for _, h := range editorialSections {
		if !strings.Contains(string(editorial), "\n"+h+"\n") && !strings.HasPrefix(string(editorial), h+"\n") {
			return nil, bad("editorial.md", "missing the section %q", h)
		}
	}
	e.Solution.Explanation = string(editorial)
	for _, d := range wrongDirs {
		w := Wrong{Name: d.Name(), Code: map[string]string{}}
		for _, l := range judge.Languages() {
			if b, err := fs.ReadFile(fsys, path.Join(slug, "wrong", d.Name(), l.SolutionFile)); err == nil {
				w.Code[l.Name] = string(b)
			}
		}
		if len(w.Code) == 0 {
			return nil, bad("wrong/"+d.Name(), "no solution file (solution.py, Solution.java, ...)")
		}
		e.Wrong = append(e.Wrong, w)
	}
	specJSON, _ := json.Marshal(spec)
	e.Problem = problem.Problem{
		ID: slug, Slug: slug, Title: fp.Title, Description: string(stmt), Difficulty: fp.Difficulty, Pattern: fp.Pattern,
		Categories: fp.Categories, Companies: nonNil(fp.Companies), Hints: fp.Hints,
		StarterCode: judge.StarterCode(spec, langs), HasSolution: true,
		TimeComplexity: fp.TimeComplexity, SpaceComplexity: fp.SpaceComplexity, Spec: specJSON,
		Guide: guide,
	}
	return e, nil
}

// editorialSections are the headings every editorial.md has, in the
// report's order: a candidate reads it after the interview.
var editorialSections = []string{"## Approach", "## Why it works", "## Complexity", "## Common wrong turns"}

// checkGuide says what is missing from the interviewer's knowledge of a
// problem, "" when nothing: every usual clarifying topic answered once, with
// keywords, and at least one pitfall, two edge cases and one follow-up.
func checkGuide(g problem.Guide) string {
	seen := map[string]bool{}
	for i, c := range g.Clarifications {
		switch {
		case !slugRe.MatchString(strings.ReplaceAll(c.Topic, "_", "-")):
			return fmt.Sprintf("clarifications[%d].topic: want a lower_case name, got %q", i, c.Topic)
		case seen[c.Topic]:
			return fmt.Sprintf("clarifications[%d].topic: %q answered twice", i, c.Topic)
		case len(c.Keywords) == 0:
			return fmt.Sprintf("clarifications[%d] (%s).keywords: at least one", i, c.Topic)
		case strings.TrimSpace(c.Answer) == "":
			return fmt.Sprintf("clarifications[%d] (%s).answer: required", i, c.Topic)
		}
		for _, k := range c.Keywords {
			if k != strings.ToLower(strings.TrimSpace(k)) || k == "" {
				return fmt.Sprintf("clarifications[%d] (%s).keywords: %q must be lower case, trimmed, not empty", i, c.Topic, k)
			}
		}
		seen[c.Topic] = true
	}
	for _, t := range problem.ClarifyTopics {
		if !seen[t] {
			return fmt.Sprintf("clarifications: no answer for the topic %q (every problem answers %s)", t, strings.Join(problem.ClarifyTopics, ", "))
		}
	}
	for _, f := range []struct {
		name string
		list []string
		min  int
	}{{"pitfalls", g.Pitfalls, 1}, {"edge_cases", g.EdgeCases, 2}, {"follow_ups", g.FollowUps, 1}} {
		if len(f.list) < f.min {
			return fmt.Sprintf("%s: want at least %d, got %d", f.name, f.min, len(f.list))
		}
		for i, v := range f.list {
			if strings.TrimSpace(v) == "" {
				return fmt.Sprintf("%s[%d]: empty", f.name, i)
			}
		}
	}
	return ""
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// checkInput checks a test's input object against the signature and returns
// it compacted.
func checkInput(spec *judge.Spec, raw json.RawMessage) (json.RawMessage, error) {
	if spec.Signature.IsDesign() {
		if err := judge.CheckDesignInput(spec.Signature, raw); err != nil {
			return nil, err
		}
		var out bytes.Buffer
		json.Compact(&out, raw)
		return out.Bytes(), nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, fmt.Errorf("want an object of the parameters")
	}
	for _, p := range spec.Signature.Params {
		v, ok := obj[p.Name]
		if !ok {
			return nil, fmt.Errorf("missing parameter %q", p.Name)
		}
		if err := judge.CheckValue(judge.MustType(p.Type), v); err != nil {
			return nil, fmt.Errorf("%s: %v", p.Name, err)
		}
	}
	for k := range obj {
		if !slices.ContainsFunc(spec.Signature.Params, func(p judge.Param) bool { return p.Name == k }) {
			return nil, fmt.Errorf("unknown parameter %q", k)
		}
	}
	var out bytes.Buffer
	json.Compact(&out, raw)
	return out.Bytes(), nil
}

// Sync loads the embedded library and upserts it into store at start, with
// starter code for every language the judge knows.
func Sync(ctx context.Context, store problem.Store) error {
	lib, err := LoadEmbedded(judge.LanguageNames())
	if err != nil {
		return mockroom.Wrap("problems.Sync", err)
	}
	return SyncLibrary(ctx, store, lib)
}

// SyncLibrary upserts every problem of lib into store, with its tests and
// reference solutions. It is idempotent: the store upserts by slug.
func SyncLibrary(ctx context.Context, store problem.Store, lib *Library) error {
	for _, e := range lib.Entries {
		p := e.Problem // the store sets ID on its copy
		p.ID = ""      // the library keys problems by slug; the store assigns (or keeps) a UUID
		sol := e.Solution
		if err := store.UpsertProblem(mockroom.AsService(ctx), &p, e.Tests, &sol); err != nil {
			return mockroom.Wrap("problems.Sync "+e.Problem.Slug, err)
		}
	}
	return nil
}
