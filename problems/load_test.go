package problems

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mockroom/mockroom/judge"
)

func TestLoadEmbedded(t *testing.T) {
	lib, err := LoadEmbedded(judge.Languages)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Entries) < 3 {
		t.Fatalf("want the library, got %d problems", len(lib.Entries))
	}
	for _, e := range lib.Entries {
		if len(e.Problem.StarterCode) != len(judge.Languages) || e.Problem.Description == "" || len(e.Solution.Code) != len(judge.Languages) {
			t.Errorf("%s: incomplete entry", e.Problem.Slug)
		}
		for _, tc := range e.Tests {
			if tc.IsExample == tc.IsHidden {
				t.Errorf("%s: a test is both or neither example and hidden", e.Problem.Slug)
			}
		}
	}
}

// validFS is a minimal valid problem; each case breaks one thing.
func validFS() fstest.MapFS {
	tests := `[{"name":"e1","input":{"n":1},"output":1,"example":true},{"name":"e2","input":{"n":2},"output":2,"example":true}`
	for i := 3; i <= 10; i++ {
		tests += `,{"name":"h` + string(rune('0'+i)) + `","input":{"n":3},"output":3}`
	}
	tests += `,{"name":"big","input":{"n":4},"output":4,"large":true}]`
	fs := fstest.MapFS{
		"echo/problem.json": {Data: []byte(`{"title":"Echo","difficulty":"easy","categories":["Math"],"companies":[],"hints":["h"],
			"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"}}`)},
		"echo/statement.md": {Data: []byte("Return `n`.")},
		"echo/tests.json":   {Data: []byte(tests)},
	}
	for _, name := range judge.SolutionFiles {
		fs["echo/solutions/"+name] = &fstest.MapFile{Data: []byte("x")}
	}
	return fs
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(validFS(), judge.Languages); err != nil {
		t.Fatalf("the valid problem: %v", err)
	}
	for _, c := range []struct {
		name, file, data, want string
	}{
		{"bad difficulty", "echo/problem.json", `{"title":"Echo","difficulty":"extreme","categories":["x"],"hints":["h"],"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"int"}],"returns":"int"}}`, "echo/problem.json: difficulty"},
		{"bad type", "echo/problem.json", `{"title":"Echo","difficulty":"easy","categories":["x"],"hints":["h"],"time_complexity":"O(1)","space_complexity":"O(1)","signature":{"function":"echo","params":[{"name":"n","type":"integer"}],"returns":"int"}}`, "signature.params[0].type"},
		{"unknown field", "echo/problem.json", `{"titel":"Echo"}`, "unknown field"},
		{"missing param", "echo/tests.json", `[{"name":"e1","input":{},"output":1,"example":true}]`, `test 1 ("e1"): input: missing parameter "n"`},
		{"wrong output type", "echo/tests.json", `[{"name":"e1","input":{"n":1},"output":"1","example":true}]`, `test 1 ("e1"): output`},
		{"too few tests", "echo/tests.json", `[{"name":"e1","input":{"n":1},"output":1,"example":true},{"name":"e2","input":{"n":1},"output":1,"example":true}]`, "at least 8 hidden"},
		{"no statement", "echo/statement.md", ``, "statement.md"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := validFS()
			fs[c.file] = &fstest.MapFile{Data: []byte(c.data)}
			_, err := Load(fs, judge.Languages)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error mentioning %q, got %v", c.want, err)
			}
		})
	}
}
