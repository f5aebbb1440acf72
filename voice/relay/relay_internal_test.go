package relay

import (
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/voice"
)

func TestHeardText(t *testing.T) {
	text := "one two three four five six seven eight nine ten"
	cases := []struct {
		played, audio time.Duration
		want          string
	}{
		{0, 10 * time.Second, ""},
		{3 * time.Second, 10 * time.Second, "one two three"},
		{10 * time.Second, 10 * time.Second, text},
		{12 * time.Second, 10 * time.Second, text},
		{time.Second, 0, text}, // no audio measured: keep it whole
	}
	for _, tc := range cases {
		if got := heardText(text, tc.played, tc.audio); got != tc.want {
			t.Errorf("heardText(%v of %v) = %q, want %q", tc.played, tc.audio, got, tc.want)
		}
	}
}

// A run reaches the model as counts and a verdict, never a test's content.
func TestRunNote(t *testing.T) {
	cases := []struct {
		rep  judge.Report
		want string
	}{
		{judge.Report{Mode: judge.ModeRun, Status: "wrong_answer", Passed: 1, Total: 3, Tests: []judge.TestResult{{Input: []byte(`{"secret":1}`)}}}, "The candidate ran the examples: 1 of 3 tests passed (wrong answer)."},
		{judge.Report{Mode: judge.ModeSubmit, Status: "accepted", Passed: 40, Total: 40}, "The candidate submitted: 40 of 40 tests passed (accepted)."},
		{judge.Report{Mode: judge.ModeRun, Status: "compile_error", CompileError: &judge.CompileError{Message: "x"}}, "The candidate ran the examples: the code did not compile."},
	}
	for _, tc := range cases {
		got := runNote(&tc.rep)
		if got != tc.want || strings.Contains(got, "secret") {
			t.Errorf("runNote = %q, want %q", got, tc.want)
		}
	}
}

// Routing keeps the configured providers only, in order, once each.
func TestOrder(t *testing.T) {
	r := New(nil, nil, nil, nil, Config{Providers: map[string]voice.Provider{"openai": nil, "local": nil}, Order: []string{"gemini", "openai", "openai", "local"}})
	if got := strings.Join(r.order(t.Context(), "u"), ","); got != "openai,local" {
		t.Fatalf("order %s", got)
	}
}

func TestMonthStart(t *testing.T) {
	at := time.Date(2026, 12, 1, 5, 0, 0, 0, time.FixedZone("x", 9*3600)) // still November in UTC
	if got := monthStart(at); !got.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("monthStart = %v", got)
	}
}
