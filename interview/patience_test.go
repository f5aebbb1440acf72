package interview_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/interviewer"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/ratelimit"
)

// The interviewer's state lives in the session's metadata: a second service
// on the same database (a restart, another instance) carries on from it;
// every interviewer line records its phase; a stall longer than the
// patience gets one offer of a hint, counted from the last edit or line;
// "let me think" doubles the patience; an observer finding arrives through
// the bus.
func TestInterviewerStateSurvivesAndPatienceHolds(t *testing.T) {
	app, clock, ctx, uid := sweepEnv(t)
	cfg := interview.Config{Patience: 3 * time.Minute}
	newSvc := func() *interview.Service {
		svc := interview.NewService(app.DB, app.DB, onlyPython{}, interviewer.Offline{}, ratelimit.NewMemory(clock), clock, nil, cfg)
		t.Cleanup(svc.Close)
		return svc
	}
	svc := newSvc()
	s, err := svc.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	if err != nil {
		t.Fatal(err)
	}
	seq := int64(0)
	chat := func(svc *interview.Service, msg string) {
		t.Helper()
		seq++
		_, replied, err := svc.Chat(ctx, uid, s.ID, msg, seq)
		if err != nil {
			t.Fatal(err)
		}
		<-replied
	}
	last := func() interview.Transcript {
		t.Helper()
		lines, err := svc.Transcript(ctx, uid, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		return lines[len(lines)-1]
	}
	state := func() interview.InterviewerState {
		got, err := app.DB.SessionByID(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		return interview.StateOf(got)
	}
	phaseOf := func(l interview.Transcript) string {
		var m struct{ Phase string }
		json.Unmarshal(l.Metadata, &m)
		return m.Phase
	}
	sweep := func(svc *interview.Service, after time.Duration) {
		t.Helper()
		clock.Advance(after)
		svc.Touch(s.ID)
		if err := svc.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
	}

	chat(svc, "Can the array contain duplicates?")
	if l := last(); !strings.Contains(l.Content, "[3, 3]") || phaseOf(l) != interview.PhaseClarifying {
		t.Fatalf("answer %q in phase %q", l.Content, phaseOf(l))
	}
	if st := state(); st.Phase != interview.PhaseClarifying || !st.HasAsked("clarify:duplicates") {
		t.Fatalf("stored state %+v", st)
	}

	// A restart: a new service reads the state back.
	svc = newSvc()
	chat(svc, "I'll keep a hash map from value to index")
	if l := last(); !strings.Contains(l.Content, "what would it cost") || phaseOf(l) != interview.PhaseApproach {
		t.Fatalf("after a restart %q in phase %q", l.Content, phaseOf(l))
	}

	// Patience: nothing at 2 minutes, an offer past 3, then quiet again.
	lines := func() int { all, _ := svc.Transcript(ctx, uid, s.ID); return len(all) }
	n := lines()
	sweep(svc, 2*time.Minute)
	if lines() != n {
		t.Fatalf("spoke after 2 minutes: %q", last().Content)
	}
	// An edit restarts the clock.
	if _, err := svc.SaveCode(ctx, uid, s.ID, "def f(): pass", "python", 0, false); err != nil {
		t.Fatal(err)
	}
	sweep(svc, 2*time.Minute)
	if lines() != n {
		t.Fatalf("spoke 2 minutes after an edit: %q", last().Content)
	}
	sweep(svc, 90*time.Second)
	if l := last(); lines() != n+1 || !strings.Contains(l.Content, "hint") || strings.Contains(l.Content, "Hint 1") {
		t.Fatalf("after a stall: %d lines, last %q", lines()-n, l.Content)
	}
	sweep(svc, 10*time.Second)
	if lines() != n+1 {
		t.Fatalf("offered twice in a row: %q", last().Content)
	}
	if st := state(); st.StallOffers != 1 {
		t.Fatalf("stall offers %d", st.StallOffers)
	}

	// "let me think": one line, and twice the patience.
	chat(svc, "let me think")
	if l := last(); l.Content != "Take your time." {
		t.Fatalf("thinking → %q", l.Content)
	}
	n = lines()
	sweep(svc, 4*time.Minute)
	if lines() != n {
		t.Fatalf("interrupted a thinking candidate after 4 minutes: %q", last().Content)
	}
	sweep(svc, 3*time.Minute)
	if lines() != n+1 {
		t.Fatalf("no offer after 7 minutes of thinking")
	}

	// An observer finding through the bus.
	obs, _ := json.Marshal(interview.Observation{Approach: interview.ApproachBruteForce, EstimatedComplexity: "O(n^2)", Facts: interview.CodeFacts{MaxLoopDepth: 2}})
	d := events.Delivery{Event: events.Event{Topic: events.CodeObserved, SessionID: s.ID, Payload: obs}}
	if err := svc.HandleEvent(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if l := last(); !strings.Contains(l.Content, "nested loops") {
		t.Fatalf("finding → %q", l.Content)
	}
	if st := state(); st.Observed == nil || st.Observed.EstimatedComplexity != "O(n^2)" {
		t.Fatalf("observation not kept: %+v", st)
	}
	chat(svc, "This is O(n)")
	if l := last(); !strings.Contains(l.Content, "You said O(n)") {
		t.Fatalf("stated vs observed → %q", l.Content)
	}
}
