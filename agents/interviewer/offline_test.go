package interviewer

import (
	"context"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

func TestGreetingReadsNaturally(t *testing.T) {
	for diff, want := range map[string]string{"easy": "an easy problem", "medium": "a medium problem", "hard": "a hard problem"} {
		g, err := Offline{}.Greeting(context.Background(), &problem.Problem{Title: "Two Sum", Difficulty: diff}, &interview.Session{DurationMinutes: 45})
		if err != nil || !strings.Contains(g, want) || !strings.Contains(g, "45 minutes") || !strings.Contains(g, `"Two Sum"`) {
			t.Errorf("%s: %q", diff, g)
		}
	}
}

func TestRepliesFollowTheCandidate(t *testing.T) {
	p := &problem.Problem{Title: "Two Sum", Difficulty: "easy"}
	s := &interview.Session{}
	cases := []struct{ msg, want string }{
		{"What's the time complexity here?", "time complexity"},
		{"I'm stuck", "Hint button"},
		{"I'd start with a brute force over every pair", "brute force"},
		{"what about an empty array", "edge cases"},
		{"I think I'm done", "walk me through"},
		{"I'll use a hash map", "structure"},
		{"Can the input be unsorted?", "assumption"},
	}
	for _, c := range cases {
		got, err := streamed(t, func(emit func(string)) (string, error) {
			return Offline{}.Reply(context.Background(), interview.Turn{Problem: p, Session: s, Message: c.msg}, emit)
		})
		if err != nil || !strings.Contains(got, c.want) {
			t.Errorf("%q → %q, want it to mention %q", c.msg, got, c.want)
		}
	}
}

func TestReactionsMatchTheResult(t *testing.T) {
	p := &problem.Problem{}
	s := &interview.Session{}
	cases := []struct {
		r    interview.ExecutionSummary
		want string
	}{
		{interview.ExecutionSummary{Mode: "run", Status: "compile_error"}, "compile error"},
		{interview.ExecutionSummary{Mode: "run", Status: "accepted"}, "examples pass"},
		{interview.ExecutionSummary{Mode: "run", Status: "wrong_answer"}, "doesn't match"},
		{interview.ExecutionSummary{Mode: "submit", Status: "accepted", Passed: 13, Total: 13}, "All 13 tests pass"},
		{interview.ExecutionSummary{Mode: "submit", Status: "time_limit", Passed: 11, Total: 13, Hidden: &judge.HiddenSummary{Verdicts: map[judge.Verdict]int{"time_limit": 2}}}, "ran out of time"},
		{interview.ExecutionSummary{Mode: "submit", Status: "wrong_answer", Passed: 9, Total: 13}, "9 of 13"},
	}
	for _, c := range cases {
		got, err := streamed(t, func(emit func(string)) (string, error) {
			return Offline{}.React(context.Background(), p, s, c.r, emit)
		})
		if err != nil || !strings.Contains(got, c.want) {
			t.Errorf("%+v → %q, want %q", c.r, got, c.want)
		}
	}
}

// streamed calls a streaming method and checks that what it emitted adds up
// to the line it returned.
func streamed(t *testing.T, call func(emit func(string)) (string, error)) (string, error) {
	t.Helper()
	var deltas strings.Builder
	got, err := call(func(d string) { deltas.WriteString(d) })
	if err == nil && deltas.String() != got {
		t.Errorf("emitted %q, returned %q", deltas.String(), got)
	}
	return got, err
}
