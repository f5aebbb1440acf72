package storagetest

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/storage"
)

// A start that costs nothing (CREDITS=unlimited) needs no balance and
// writes no ledger row.
func testStartSessionFree(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	_, err := db.AddCredits(ctx, f.user, -(billing.SignupCredits - 1), billing.TxUsage, "", "spent")
	must(t, err)
	before, _ := db.Transactions(ctx, f.user, 100)
	s := &interview.Session{UserID: f.user, ProblemID: f.problem}
	must(t, db.StartSession(uctx, s, "", 10, 0, ev(events.SessionStarted)))
	if s.CreditsConsumed != 0 {
		t.Fatalf("a free start consumed %d credits", s.CreditsConsumed)
	}
	after, _ := db.Transactions(ctx, f.user, 100)
	if bal, _ := db.Balance(ctx, f.user); bal != 0 || len(after) != len(before) {
		t.Fatalf("a free start changed the ledger: balance %d, %d rows (was %d)", bal, len(after), len(before))
	}
	wantKind(t, db.StartSession(uctx, &interview.Session{UserID: f.user, ProblemID: f.problem}, "", 10, -1, ev(events.SessionStarted)),
		mockroom.KindInvalid, "invalid_amount")
}

// A language switch keeps each language's code and brings it back.
func testSwitchLanguage(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	sid := f.s.ID
	starters := map[string]string{"go": "package main\n", "python": "def f():\n    pass\n"}
	at := time.Now()
	code := func(s string) *string { return &s }

	_, err := db.SaveCode(uctx, sid, "package main // mine\n", "go", 1, at, nil)
	must(t, err)
	s, live, err := db.SwitchLanguage(uctx, sid, "python", nil, starters, at.Add(time.Second))
	must(t, err)
	if s.Language != "python" || live.Language != "python" || live.Code != starters["python"] || live.Seq != 1 {
		t.Fatalf("after go → python: session %s, live %+v", s.Language, live)
	}
	// The editor's text travels with the switch: it wins over the live copy.
	_, live, err = db.SwitchLanguage(uctx, sid, "go", code("def f():\n    return 42\n"), starters, at.Add(2*time.Second))
	must(t, err)
	if live.Code != "package main // mine\n" || live.Language != "go" {
		t.Fatalf("back to go: %+v, want the Go code written before", live)
	}
	_, live, err = db.SwitchLanguage(uctx, sid, "python", nil, starters, at.Add(3*time.Second))
	must(t, err)
	if live.Code != "def f():\n    return 42\n" {
		t.Fatalf("back to python: %q, want the Python code sent with the switch", live.Code)
	}
	if got, _ := db.Live(uctx, sid); got.Code != live.Code || got.Language != "python" {
		t.Fatalf("Live after the switches = %+v", got)
	}
	if got, _ := db.Session(uctx, f.user, sid); got.Language != "python" {
		t.Fatalf("session language = %s", got.Language)
	}
	// Code that is not the starter is kept as a manual snapshot too.
	snaps, err := db.Snapshots(uctx, sid)
	must(t, err)
	var manual []string
	for _, sn := range snaps {
		if sn.Type == interview.SnapshotManual {
			manual = append(manual, sn.Language+":"+sn.Code)
		}
	}
	want := []string{"go:package main // mine\n", "python:def f():\n    return 42\n", "go:package main // mine\n"}
	if fmt.Sprint(manual) != fmt.Sprint(want) {
		t.Fatalf("manual snapshots = %q, want %q", manual, want)
	}
	// Switching to the current language only stores the code.
	_, live, err = db.SwitchLanguage(uctx, sid, "python", code("# same\n"), starters, at)
	must(t, err)
	if live.Code != "# same\n" || live.Language != "python" {
		t.Fatalf("same-language switch: %+v", live)
	}

	wantKind(t, third(db.SwitchLanguage(uctx, sid, "cobol", nil, starters, at)), mockroom.KindInvalid, "invalid_language")
	wantKind(t, third(db.SwitchLanguage(asUser(f.other), sid, "go", nil, starters, at)), mockroom.KindNotFound, "")
	_, _, err = db.EndSession(ctx, sid, interview.StatusCompleted, at, nil, ev(events.SessionEnded))
	must(t, err)
	wantKind(t, third(db.SwitchLanguage(uctx, sid, "go", nil, starters, at)), mockroom.KindConflict, "session_not_active")
}

// The conversation's order is the order the lines were stored, whatever
// their timestamps, also when many arrive at once.
func testTranscriptOrder(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	sid := f.s.ID
	// Same timestamp: the order of the random ids must not decide.
	for i := range 20 {
		tr := &interview.Transcript{SessionID: sid, Speaker: interview.SpeakerInterviewer, Content: fmt.Sprint(i), TimestampMS: 5000}
		_, err := db.AddTranscript(uctx, tr, 0, 0)
		must(t, err)
		if tr.Seq != int64(i+1) {
			t.Fatalf("line %d got seq %d", i, tr.Seq)
		}
	}
	// An earlier timestamp stored later still comes later.
	_, err := db.AddTranscript(uctx, &interview.Transcript{SessionID: sid, Speaker: interview.SpeakerCandidate, Content: "late", TimestampMS: 1}, 0, 0)
	must(t, err)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := db.AddTranscript(uctx, &interview.Transcript{SessionID: sid, Speaker: interview.SpeakerCandidate, Content: fmt.Sprint("c", i)}, 0, 0)
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, err := db.Transcripts(uctx, sid)
	must(t, err)
	if len(got) != 31 {
		t.Fatalf("%d lines, want 31", len(got))
	}
	for i, l := range got {
		if l.Seq != int64(i+1) {
			t.Fatalf("line %d has seq %d", i, l.Seq)
		}
		if i < 20 && l.Content != fmt.Sprint(i) {
			t.Fatalf("line %d is %q: same-millisecond lines out of order", i, l.Content)
		}
	}
	if got[20].Content != "late" {
		t.Fatalf("line 20 is %q, want the one stored 21st", got[20].Content)
	}
}

// Acceptance counts every candidate's submits; progress is one user's.
func testSubmitStatsAndProgress(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	sid := f.s.ID
	result := func(mode, status string) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"mode":%q,"status":%q,"passed":1,"total":2}`, mode, status))
	}
	for _, r := range []json.RawMessage{result("submit", "wrong_answer"), result("submit", "accepted"), result("run", "accepted"), result("submit", "time_limit")} {
		must(t, db.AddSnapshot(asUser(f.user), &interview.Snapshot{SessionID: sid, Code: "x", Language: "go", Type: interview.SnapshotExecution, ExecutionResult: r}, nil))
	}
	// The other user tried another problem and never passed.
	p2, err := db.ProblemBySlug(ctx, "lru-cache")
	must(t, err)
	o := &interview.Session{UserID: f.other, ProblemID: p2.ID}
	must(t, db.StartSession(asUser(f.other), o, "", 3, 1, ev(events.SessionStarted)))
	must(t, db.AddSnapshot(asUser(f.other), &interview.Snapshot{SessionID: o.ID, Code: "x", Language: "go", Type: interview.SnapshotExecution,
		ExecutionResult: result("submit", "runtime_error")}, nil))

	stats, err := db.SubmitStats(mockroom.AsService(ctx))
	must(t, err)
	if got := stats[f.problem]; got != (interview.SubmitStats{Submits: 3, Accepted: 1}) {
		t.Fatalf("two-sum stats = %+v, want 3 submits, 1 accepted", got)
	}
	if got := stats[p2.ID]; got != (interview.SubmitStats{Submits: 1, Accepted: 0}) {
		t.Fatalf("lru-cache stats = %+v", got)
	}
	prog, err := db.Progress(asUser(f.user), f.user)
	must(t, err)
	if len(prog) != 1 || prog[f.problem] != interview.ProgressSolved {
		t.Fatalf("user progress = %v", prog)
	}
	prog, err = db.Progress(asUser(f.other), f.other)
	must(t, err)
	if len(prog) != 1 || prog[p2.ID] != interview.ProgressAttempted {
		t.Fatalf("other's progress = %v", prog)
	}
	// Nobody reads another user's progress.
	if prog, err := db.Progress(asUser(f.other), f.user); err != nil || len(prog) != 0 {
		t.Fatalf("another user's progress = %v, %v", prog, err)
	}
}
