package interview

import (
	"encoding/json"
	"testing"

	"github.com/mockroom/mockroom/judge"
)

// failedExample names the first failing visible example and never looks at
// a hidden test or the custom input.
func TestFailedExample(t *testing.T) {
	in := func(s string) json.RawMessage { return json.RawMessage(s) }
	for _, c := range []struct {
		name  string
		tests []judge.TestResult
		want  *FailedExample
	}{
		{"all pass", []judge.TestResult{{Verdict: judge.Accepted, Input: in(`1`)}, {Verdict: judge.Accepted, Input: in(`2`)}}, nil},
		{"the second fails", []judge.TestResult{{Verdict: judge.Accepted, Input: in(`1`)}, {Verdict: judge.WrongAnswer, Input: in(`2`), Expected: in(`3`), Got: in(`4`)}},
			&FailedExample{Number: 2, Verdict: "wrong_answer", Input: in(`2`), Expected: in(`3`), Got: in(`4`)}},
		{"hidden and custom skipped", []judge.TestResult{{Verdict: judge.WrongAnswer, Hidden: true, Input: in(`"secret"`)}, {Verdict: judge.RuntimeError, Custom: true, Input: in(`9`)},
			{Verdict: judge.Accepted, Input: in(`1`)}, {Verdict: judge.RuntimeError, Input: in(`5`), Error: "IndexError"}},
			&FailedExample{Number: 2, Verdict: "runtime_error", Input: in(`5`), Error: "IndexError"}},
		{"only hidden fail", []judge.TestResult{{Verdict: judge.Accepted, Input: in(`1`)}, {Verdict: judge.TimeLimit, Hidden: true, Input: in(`"secret"`)}}, nil},
	} {
		got := failedExample(&judge.Report{Tests: c.tests})
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(c.want)
		if string(gj) != string(wj) {
			t.Errorf("%s: %s, want %s", c.name, gj, wj)
		}
	}
}
