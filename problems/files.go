package problems

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

// Source is one problem folder as fields: what the admin console edits.
// Files and ParseFiles convert it to and from the folder's files exactly,
// so a problem authored in the browser exports as a folder of this
// library and a folder imports as a problem. Starter code is not a field:
// the judge generates it from the signature, for the library too.
type Source struct {
	Slug            string                  `json:"slug"`
	Title           string                  `json:"title"`
	Difficulty      string                  `json:"difficulty"`
	Pattern         string                  `json:"pattern"`
	Categories      []string                `json:"categories"`
	Companies       []string                `json:"companies"`
	Hints           []string                `json:"hints"`
	TimeComplexity  string                  `json:"time_complexity"`
	SpaceComplexity string                  `json:"space_complexity"`
	Signature       judge.Signature         `json:"signature"`
	Checker         string                  `json:"checker,omitempty"`
	FloatTolerance  float64                 `json:"float_tolerance,omitempty"`
	FloatMode       string                  `json:"float_mode,omitempty"`
	TimeLimitMS     int                     `json:"time_limit_ms,omitempty"`
	TimeLimitsMS    map[string]int          `json:"time_limits_ms,omitempty"`
	Clarifications  []problem.Clarification `json:"clarifications"`
	Pitfalls        []string                `json:"pitfalls"`
	EdgeCases       []string                `json:"edge_cases"`
	FollowUps       []string                `json:"follow_ups"`
	Statement       string                  `json:"statement"` // statement.md
	Editorial       string                  `json:"editorial"` // editorial.md
	Tests           []SourceTest            `json:"tests"`     // tests.json, in order
	// Code per language name (python, java, ...): the reference solutions,
	// the brute force, and each wrong/NAME/ folder.
	Solutions map[string]string            `json:"solutions"`
	Brute     map[string]string            `json:"brute"`
	Wrong     map[string]map[string]string `json:"wrong"`
}

// SourceTest is one entry of tests.json.
type SourceTest struct {
	Name        string          `json:"name"`
	Input       json.RawMessage `json:"input"`
	Output      json.RawMessage `json:"output"`
	Example     bool            `json:"example,omitempty"`
	Explanation string          `json:"explanation,omitempty"`
	Large       bool            `json:"large,omitempty"`
	// Generated marks a test that problems/gen made (mockroom problems
	// generate); verify holds it to the generator's output.
	Generated bool `json:"generated,omitempty"`
}

// Files returns the folder's files, path (relative to the folder) →
// content.
func (s *Source) Files() (map[string]string, error) {
	bad := func(format string, args ...any) error {
		return mockroom.Errorf(mockroom.KindInvalid, "bad_problem", "%s: %s", s.Slug, fmt.Sprintf(format, args...))
	}
	pf := fileProblem{Title: s.Title, Difficulty: s.Difficulty, Pattern: s.Pattern, Categories: nonNil(s.Categories),
		Companies: nonNil(s.Companies), Hints: nonNil(s.Hints), TimeComplexity: s.TimeComplexity, SpaceComplexity: s.SpaceComplexity,
		Signature: s.Signature, Checker: s.Checker, FloatTolerance: s.FloatTolerance, FloatMode: s.FloatMode,
		TimeLimitMS: s.TimeLimitMS, TimeLimitsMS: s.TimeLimitsMS, Clarifications: s.Clarifications,
		Pitfalls: nonNil(s.Pitfalls), EdgeCases: nonNil(s.EdgeCases), FollowUps: nonNil(s.FollowUps)}
	if pf.Clarifications == nil {
		pf.Clarifications = []problem.Clarification{}
	}
	var pj bytes.Buffer
	enc := json.NewEncoder(&pj)
	enc.SetEscapeHTML(false) // hints and answers hold < and & as written
	enc.SetIndent("", "  ")
	if err := enc.Encode(pf); err != nil {
		return nil, bad("problem.json: %v", err)
	}
	files := map[string]string{"problem.json": pj.String(), "statement.md": s.Statement, "editorial.md": s.Editorial}
	// tests.json: one test a line, as problems generate writes it.
	var tb bytes.Buffer
	tb.WriteString("[\n")
	for i, t := range s.Tests {
		for _, v := range []*json.RawMessage{&t.Input, &t.Output} {
			var c bytes.Buffer
			if err := json.Compact(&c, *v); err != nil {
				return nil, bad("tests.json: test %d (%q): not JSON: %v", i+1, t.Name, err)
			}
			*v = c.Bytes()
		}
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(t); err != nil {
			return nil, bad("tests.json: test %d: %v", i+1, err)
		}
		b := bytes.TrimSpace(line.Bytes())
		if i > 0 {
			tb.WriteString(",\n")
		}
		tb.WriteString("  ")
		tb.Write(b)
	}
	tb.WriteString("\n]\n")
	files["tests.json"] = tb.String()
	put := func(dir string, code map[string]string) error {
		for lang, c := range code {
			if strings.TrimSpace(c) == "" {
				continue
			}
			l, ok := judge.LookupLanguage(lang)
			if !ok {
				return bad("%s: unknown language %q", dir, lang)
			}
			files[dir+"/"+l.SolutionFile] = c
		}
		return nil
	}
	if err := put("solutions", s.Solutions); err != nil {
		return nil, err
	}
	if err := put("brute", s.Brute); err != nil {
		return nil, err
	}
	for name, code := range s.Wrong {
		if !slugRe.MatchString(name) {
			return nil, bad("wrong/%s: want a name like a slug (lower-case letters, digits, dashes)", name)
		}
		if err := put("wrong/"+name, code); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// ParseFiles reads a folder's files (path relative to the folder) into a
// Source. It checks only the shapes it needs to read them; Check holds
// them to every rule of the library.
func ParseFiles(slug string, files map[string]string) (*Source, error) {
	bad := func(file, format string, args ...any) error {
		return mockroom.Errorf(mockroom.KindInvalid, "bad_problem", "%s/%s: %s", slug, file, fmt.Sprintf(format, args...))
	}
	if !slugRe.MatchString(slug) {
		return nil, bad("", "the slug is not lower-case letters, digits and dashes")
	}
	var pf fileProblem
	if err := strictDecode([]byte(files["problem.json"]), &pf); err != nil {
		return nil, bad("problem.json", "%v", err)
	}
	tests := []SourceTest{}
	if err := strictDecode([]byte(files["tests.json"]), &tests); err != nil {
		return nil, bad("tests.json", "%v", err)
	}
	if tests == nil { // "null"
		tests = []SourceTest{}
	}
	s := &Source{Slug: slug, Title: pf.Title, Difficulty: pf.Difficulty, Pattern: pf.Pattern, Categories: nonNil(pf.Categories),
		Companies: nonNil(pf.Companies), Hints: nonNil(pf.Hints), TimeComplexity: pf.TimeComplexity, SpaceComplexity: pf.SpaceComplexity,
		Signature: pf.Signature, Checker: pf.Checker, FloatTolerance: pf.FloatTolerance, FloatMode: pf.FloatMode,
		TimeLimitMS: pf.TimeLimitMS, TimeLimitsMS: pf.TimeLimitsMS, Clarifications: pf.Clarifications,
		Pitfalls: nonNil(pf.Pitfalls), EdgeCases: nonNil(pf.EdgeCases), FollowUps: nonNil(pf.FollowUps),
		Statement: files["statement.md"], Editorial: files["editorial.md"], Tests: tests,
		Solutions: map[string]string{}, Brute: map[string]string{}, Wrong: map[string]map[string]string{}}
	if s.Clarifications == nil {
		s.Clarifications = []problem.Clarification{}
	}
	byFile := map[string]string{}
	for _, l := range judge.Languages() {
		byFile[l.SolutionFile] = l.Name
	}
	for p, content := range files {
		switch p {
		case "problem.json", "tests.json", "statement.md", "editorial.md":
			continue
		}
		dir, file := path.Split(p)
		lang, ok := byFile[file]
		if !ok {
			return nil, bad(p, "not a file of a problem folder (see problems/README.md)")
		}
		switch dir = strings.TrimSuffix(dir, "/"); {
		case dir == "solutions":
			s.Solutions[lang] = content
		case dir == "brute":
			s.Brute[lang] = content
		case strings.HasPrefix(dir, "wrong/") && slugRe.MatchString(strings.TrimPrefix(dir, "wrong/")):
			name := strings.TrimPrefix(dir, "wrong/")
			if s.Wrong[name] == nil {
				s.Wrong[name] = map[string]string{}
			}
			s.Wrong[name][lang] = content
		default:
			return nil, bad(p, "not a file of a problem folder (see problems/README.md)")
		}
	}
	return s, nil
}

// ReadFolder returns the files of slug's folder in fsys, path relative to
// the folder.
func ReadFolder(fsys fs.FS, slug string) (map[string]string, error) {
	files := map[string]string{}
	err := fs.WalkDir(fsys, slug, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[strings.TrimPrefix(p, slug+"/")] = string(b)
		return nil
	})
	if err != nil {
		return nil, mockroom.NotFound("problem folder")
	}
	return files, nil
}

// LoadFiles loads one folder given as files with every rule Load applies
// to the library, and returns it as a one-problem Library.
func LoadFiles(slug string, files map[string]string, langs []string) (*Library, error) {
	m := fstest.MapFS{}
	for p, c := range files {
		m[slug+"/"+p] = &fstest.MapFile{Data: []byte(c)}
	}
	return Load(m, langs)
}

// ContentHash is a digest of a folder's files that ignores how its JSON is
// laid out (key order, spaces), so that a problem exported from the
// console and the same problem in the repo hash alike.
func ContentHash(files map[string]string) string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		b := []byte(files[p])
		if p == "problem.json" {
			// Through the loader's struct: what it reads is what counts
			// ("constructor": [] and no constructor are the same problem).
			var fp fileProblem
			if strictDecode(b, &fp) == nil {
				if nb, err := json.Marshal(fp); err == nil {
					b = nb
				}
			}
		}
		if strings.HasSuffix(p, ".json") {
			b = canonicalJSON(b)
		}
		fmt.Fprintf(h, "%q %d\n", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// canonicalJSON re-encodes b with sorted keys and no spaces (numbers kept
// as written); b itself when it is not JSON.
func canonicalJSON(b []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return b
	}
	out, err := json.Marshal(v)
	if err != nil {
		return b
	}
	return out
}
