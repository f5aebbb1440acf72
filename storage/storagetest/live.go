package storagetest

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/storage"
)

// outboxEvents lists every event in the outbox (the relay's claim, with a
// lease that is over at once, so it can be called again).
func outboxEvents(t *testing.T, db storage.DB) []events.Event {
	t.Helper()
	evs, err := db.ClaimUnpublished(ctx, time.Now().Add(time.Hour), 0, 1000)
	must(t, err)
	return evs
}

func countTopic(evs []events.Event, topic string) int {
	n := 0
	for _, e := range evs {
		if e.Topic == topic {
			n++
		}
	}
	return n
}

func ev(topic string) events.Event {
	return events.Event{Topic: topic, Key: topic + ":" + mockroom.NewID(), Payload: json.RawMessage(`{"n":1}`)}
}

func evp(topic string) *events.Event { e := ev(topic); return &e }

// liveFixture is a user with credits, a problem and a started session.
type liveFixture struct {
	user, other string
	problem     string
	s           *interview.Session
}

func newLive(t *testing.T, db storage.DB) liveFixture {
	t.Helper()
	seedLibrary(t, db)
	u := newUser(t, db, "live@example.com")
	o := newUser(t, db, "other@example.com")
	p, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	s := &interview.Session{UserID: u.ID, ProblemID: p.ID, Language: "go", DurationMinutes: 30}
	must(t, db.StartSession(asUser(u.ID), s, "package main\n", 3, 1, ev(events.SessionStarted)))
	return liveFixture{user: u.ID, other: o.ID, problem: p.ID, s: s}
}

func testStartSession(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	got, err := db.Session(uctx, f.user, f.s.ID)
	must(t, err)
	if got.Status != interview.StatusActive || got.StartedAt == nil || got.CreditsConsumed != 1 || got.Language != "go" ||
		got.DurationMinutes != 30 || got.EndedAt != nil {
		t.Fatalf("started session = %+v", got)
	}
	if bal, _ := db.Balance(ctx, f.user); bal != billing.SignupCredits-1 {
		t.Fatalf("balance = %d, want %d", bal, billing.SignupCredits-1)
	}
	txs, err := db.Transactions(ctx, f.user, 10)
	must(t, err)
	if txs[0].Type != billing.TxUsage || txs[0].Amount != -1 || txs[0].ReferenceID != f.s.ID {
		t.Fatalf("ledger = %+v, want a usage of 1 referencing the session", txs[0])
	}
	live, err := db.Live(uctx, f.s.ID)
	must(t, err)
	if live.SessionID != f.s.ID || live.Code != "package main\n" || live.Language != "go" || live.Seq != 0 || live.UpdatedAt.IsZero() {
		t.Fatalf("Live = %+v", live)
	}
	evs := outboxEvents(t, db)
	if len(evs) != 1 || evs[0].Topic != events.SessionStarted || evs[0].SessionID != f.s.ID || evs[0].UserID != f.user ||
		evs[0].ID == "" || !jsonEqual(evs[0].Payload, []byte(`{"n":1}`)) || evs[0].CreatedAt.IsZero() {
		t.Fatalf("outbox = %+v", evs)
	}

	// Refusals change nothing: no session, no credit, no event.
	start := func(max int) error {
		return db.StartSession(uctx, &interview.Session{UserID: f.user, ProblemID: f.problem}, "", max, 1, ev(events.SessionStarted))
	}
	wantKind(t, start(1), mockroom.KindConflict, "too_many_sessions")
	must(t, start(2))
	must(t, start(3))
	wantKind(t, start(10), mockroom.KindPaymentRequired, "insufficient_credits")
	wantKind(t, db.StartSession(uctx, &interview.Session{UserID: f.other, ProblemID: f.problem}, "", 3, 1, ev(events.SessionStarted)),
		mockroom.KindForbidden, "")
	wantKind(t, db.StartSession(ctx, &interview.Session{UserID: f.other, ProblemID: mockroom.NewID()}, "", 3, 1, ev(events.SessionStarted)),
		mockroom.KindInvalid, "")
	wantKind(t, db.StartSession(ctx, &interview.Session{UserID: f.other, ProblemID: f.problem}, "", 3, 1, events.Event{}),
		mockroom.KindInvalid, "invalid_event")
	wantKind(t, db.StartSession(ctx, &interview.Session{UserID: f.other, ProblemID: f.problem}, strings.Repeat("x", 51<<10), 3, 1, ev(events.SessionStarted)),
		mockroom.KindInvalid, "code_too_large")
	if bal, _ := db.Balance(ctx, f.user); bal != 0 {
		t.Fatalf("balance = %d, want 0", bal)
	}
	if bal, _ := db.Balance(ctx, f.other); bal != billing.SignupCredits {
		t.Fatalf("other's balance = %d after refused starts", bal)
	}
	if l, _ := db.ListSessions(ctx, f.user, 100); len(l) != 3 {
		t.Fatalf("%d sessions, want 3", len(l))
	}
	if n := countTopic(outboxEvents(t, db), events.SessionStarted); n != 3 {
		t.Fatalf("%d session.started events, want 3", n)
	}
}

// 100 concurrent starts by a user with 3 credits: exactly 3 sessions.
func testStartSessionConcurrency(t *testing.T, db storage.DB) {
	seedLibrary(t, db)
	u := newUser(t, db, "race@example.com")
	p, err := db.ProblemBySlug(ctx, "two-sum")
	must(t, err)
	uctx := asUser(u.ID)
	const n = 100
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = db.StartSession(uctx, &interview.Session{UserID: u.ID, ProblemID: p.ID}, "", 1000, 1, ev(events.SessionStarted))
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case mockroom.IsKind(err, mockroom.KindPaymentRequired):
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 3 {
		t.Fatalf("%d starts succeeded, want 3", ok)
	}
	bal, _ := db.Balance(ctx, u.ID)
	prof, err := db.Profile(ctx, u.ID)
	must(t, err)
	if bal != 0 || prof.Credits != 0 {
		t.Fatalf("balance %d, profile credits %d, want 0", bal, prof.Credits)
	}
	active, err := db.ActiveSessions(mockroom.AsService(ctx))
	must(t, err)
	if len(active) != 3 {
		t.Fatalf("%d active sessions, want 3", len(active))
	}
	if n := countTopic(outboxEvents(t, db), events.SessionStarted); n != 3 {
		t.Fatalf("%d session.started events, want 3", n)
	}
}

// A client message re-sent after a reconnect is applied once.
func testClientSeq(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	sid := f.s.ID
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

	type step struct {
		name    string
		do      func() (bool, error)
		applied bool
	}
	code := func(c string, seq int64) func() (bool, error) {
		return func() (bool, error) { return db.SaveCode(uctx, sid, c, "python", seq, at, evp(events.CodeEdited)) }
	}
	say := func(text string, seq int64) func() (bool, error) {
		return func() (bool, error) {
			return db.AddTranscript(uctx, &interview.Transcript{SessionID: sid, Speaker: interview.SpeakerCandidate, Content: text, TimestampMS: seq * 10}, seq, 0)
		}
	}
	hint := func(seq int64) func() (bool, error) {
		return func() (bool, error) {
			_, applied, err := db.UseHint(uctx, sid, 5, seq, ev(events.HintRequested))
			return applied, err
		}
	}
	for _, s := range []step{
		{"code seq 1", code("v1", 1), true},
		{"code seq 1 again", code("v1 again", 1), false},
		{"chat seq 2", say("hello", 2), true},
		{"chat seq 2 again", say("hello", 2), false},
		{"hint seq 3", hint(3), true},
		{"hint seq 3 again", hint(3), false},
		{"code seq 2 (late)", code("stale", 2), false},
		{"code seq 4", code("v4", 4), true},
		{"code without seq", code("server-side", 0), true},
		{"chat without seq", say("system note", 0), true},
	} {
		applied, err := s.do()
		must(t, err)
		if applied != s.applied {
			t.Fatalf("%s: applied = %v, want %v", s.name, applied, s.applied)
		}
	}
	live, err := db.Live(uctx, sid)
	must(t, err)
	if live.Code != "server-side" || live.Language != "python" || live.Seq != 4 || !live.UpdatedAt.Equal(at) {
		t.Fatalf("Live = %+v", live)
	}
	tr, err := db.Transcripts(uctx, sid)
	must(t, err)
	// Stored order, not timestamp order: the line without a timestamp came second.
	if len(tr) != 2 || tr[0].Content != "hello" || tr[1].Content != "system note" || tr[0].Speaker != "candidate" || tr[0].TimestampMS != 20 ||
		tr[0].Seq != 1 || tr[1].Seq != 2 {
		t.Fatalf("Transcripts = %+v", tr)
	}
	s, err := db.SessionByID(ctx, sid)
	must(t, err)
	if s.HintsUsed != 1 {
		t.Fatalf("hints used = %d, want 1", s.HintsUsed)
	}
	evs := outboxEvents(t, db)
	if countTopic(evs, events.CodeEdited) != 3 || countTopic(evs, events.HintRequested) != 1 {
		t.Fatalf("outbox = %+v, want 3 code.edited and 1 hint.requested", evs)
	}
	for _, e := range evs {
		if e.SessionID != sid || e.UserID != f.user {
			t.Fatalf("event %+v lacks the session or user", e)
		}
	}

	// Bad input is refused clearly.
	_, err = db.SaveCode(uctx, sid, "x", "rust", 9, at, nil)
	wantKind(t, err, mockroom.KindInvalid, "invalid_language")
	_, err = db.SaveCode(uctx, sid, "x", "python", -1, at, nil)
	wantKind(t, err, mockroom.KindInvalid, "invalid_seq")
	_, err = db.SaveCode(uctx, sid, strings.Repeat("x", 51<<10), "python", 9, at, nil)
	wantKind(t, err, mockroom.KindInvalid, "code_too_large")
	_, err = db.AddTranscript(uctx, &interview.Transcript{SessionID: sid, Speaker: "narrator", Content: "x"}, 9, 0)
	wantKind(t, err, mockroom.KindInvalid, "")
	_, err = db.SaveCode(uctx, mockroom.NewID(), "x", "python", 9, at, nil)
	wantKind(t, err, mockroom.KindNotFound, "")
	if live, _ := db.Live(uctx, sid); live.Seq != 4 {
		t.Fatalf("refused calls moved seq to %d", live.Seq)
	}
}

func testHints(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	for i := 1; i <= 2; i++ {
		n, applied, err := db.UseHint(ctx, f.s.ID, 2, 0, ev(events.HintRequested))
		must(t, err)
		if n != i || !applied {
			t.Fatalf("hint %d: count %d, applied %v", i, n, applied)
		}
	}
	_, _, err := db.UseHint(ctx, f.s.ID, 2, 7, ev(events.HintRequested))
	wantKind(t, err, mockroom.KindConflict, "no_more_hints")
	if s, _ := db.SessionByID(ctx, f.s.ID); s.HintsUsed != 2 {
		t.Fatalf("hints used = %d", s.HintsUsed)
	}
	if live, _ := db.Live(ctx, f.s.ID); live.Seq != 0 {
		t.Fatalf("a refused hint advanced seq to %d", live.Seq)
	}
	if n := countTopic(outboxEvents(t, db), events.HintRequested); n != 2 {
		t.Fatalf("%d hint events, want 2", n)
	}
}

func testEndSession(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	sid := f.s.ID
	endAt := f.s.StartedAt.Add(90 * time.Second)

	final := &interview.Snapshot{Code: "final code", Language: "go", TimestampMS: 90000}
	s, ended, err := db.EndSession(uctx, sid, interview.StatusCompleted, endAt, final, ev(events.SessionEnded))
	must(t, err)
	if !ended || s.Status != interview.StatusCompleted || s.EndedAt == nil || !s.EndedAt.Equal(endAt) || s.DurationSeconds != 90 {
		t.Fatalf("EndSession = %+v, %v", s, ended)
	}
	// Ending again (the timer and the user racing) changes nothing.
	s2, ended, err := db.EndSession(mockroom.AsService(ctx), sid, interview.StatusAbandoned, endAt.Add(time.Hour),
		&interview.Snapshot{Code: "again", Language: "go"}, ev(events.SessionEnded))
	must(t, err)
	if ended || s2.Status != interview.StatusCompleted || !s2.EndedAt.Equal(endAt) || s2.DurationSeconds != 90 {
		t.Fatalf("second EndSession = %+v, %v", s2, ended)
	}
	snaps, err := db.Snapshots(uctx, sid)
	must(t, err)
	if len(snaps) != 1 || snaps[0].Type != interview.SnapshotFinal || snaps[0].Code != "final code" || snaps[0].SessionID != sid {
		t.Fatalf("Snapshots = %+v", snaps)
	}
	if n := countTopic(outboxEvents(t, db), events.SessionEnded); n != 1 {
		t.Fatalf("%d session.ended events, want 1", n)
	}
	if active, _ := db.ActiveSessions(mockroom.AsService(ctx)); len(active) != 0 {
		t.Fatalf("ActiveSessions after end = %+v", active)
	}
	// A finished interview takes no more code or hints.
	_, err = db.SaveCode(uctx, sid, "late", "go", 50, time.Now(), nil)
	wantKind(t, err, mockroom.KindConflict, "session_not_active")
	_, _, err = db.UseHint(uctx, sid, 5, 51, ev(events.HintRequested))
	wantKind(t, err, mockroom.KindConflict, "session_not_active")

	_, _, err = db.EndSession(uctx, sid, "paused", endAt, nil, ev(events.SessionEnded))
	wantKind(t, err, mockroom.KindInvalid, "invalid_status")
	_, _, err = db.EndSession(uctx, mockroom.NewID(), interview.StatusCompleted, endAt, nil, ev(events.SessionEnded))
	wantKind(t, err, mockroom.KindNotFound, "")
}

func testSessionsServicePath(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	svc := mockroom.AsService(ctx)
	os := &interview.Session{UserID: f.other, ProblemID: f.problem}
	must(t, db.StartSession(asUser(f.other), os, "", 3, 1, ev(events.SessionStarted)))

	all, err := db.ActiveSessions(svc)
	must(t, err)
	if len(all) != 2 {
		t.Fatalf("ActiveSessions(service) = %d, want 2", len(all))
	}
	mine, err := db.ActiveSessions(asUser(f.user))
	must(t, err)
	if len(mine) != 1 || mine[0].ID != f.s.ID {
		t.Fatalf("ActiveSessions(user) = %+v", mine)
	}
	if s, err := db.SessionByID(svc, os.ID); err != nil || s.UserID != f.other {
		t.Fatalf("SessionByID(service) = %+v, %v", s, err)
	}
	for name, err := range map[string]error{
		"foreign":   second(db.SessionByID(asUser(f.user), os.ID)),
		"missing":   second(db.SessionByID(svc, mockroom.NewID())),
		"malformed": second(db.SessionByID(svc, "x' OR 1=1")),
	} {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("SessionByID %s: %v, want not found", name, err)
		}
	}

	s := *f.s
	s.Language, s.TestCasesPassed, s.TestCasesTotal, s.Metadata = "cpp", 3, 5, json.RawMessage(`{"a":1}`)
	must(t, db.UpdateSession(asUser(f.user), &s))
	got, err := db.SessionByID(svc, s.ID)
	must(t, err)
	if got.Language != "cpp" || got.TestCasesPassed != 3 || got.TestCasesTotal != 5 || !jsonEqual(got.Metadata, []byte(`{"a":1}`)) ||
		got.Status != interview.StatusActive || !s.UpdatedAt.Equal(got.UpdatedAt) {
		t.Fatalf("after UpdateSession = %+v", got)
	}
	bad := *f.s
	bad.Language = "rust"
	wantKind(t, db.UpdateSession(svc, &bad), mockroom.KindInvalid, "")
	theirs := *os
	theirs.TestCasesPassed = 99
	wantKind(t, db.UpdateSession(asUser(f.user), &theirs), mockroom.KindNotFound, "")
	if got, _ := db.SessionByID(svc, os.ID); got.TestCasesPassed != 0 {
		t.Fatal("a user updated another user's session")
	}

	// The narrow writers change only their own columns.
	must(t, db.SetTestResults(asUser(f.user), s.ID, 7, 9))
	must(t, db.SetInterviewerState(svc, s.ID, json.RawMessage(`{"phase":"coding"}`)))
	got, err = db.SessionByID(svc, s.ID)
	must(t, err)
	if got.TestCasesPassed != 7 || got.TestCasesTotal != 9 || !jsonEqual(got.Metadata, []byte(`{"phase":"coding"}`)) || got.Language != "cpp" {
		t.Fatalf("after SetTestResults and SetInterviewerState = %+v", got)
	}
	wantKind(t, db.SetTestResults(asUser(f.user), os.ID, 1, 1), mockroom.KindNotFound, "")
	wantKind(t, db.SetInterviewerState(asUser(f.user), os.ID, json.RawMessage(`{}`)), mockroom.KindNotFound, "")
	wantKind(t, db.SetTestResults(svc, "nope", 1, 1), mockroom.KindNotFound, "")
}

func testSnapshotsAndTranscripts(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	sid := f.s.ID
	snaps := []*interview.Snapshot{
		{SessionID: sid, Code: "b", Language: "go", TimestampMS: 2000, Type: interview.SnapshotExecution,
			ExecutionResult: json.RawMessage(`{"passed":1}`)},
		{SessionID: sid, Code: "a", Language: "go", TimestampMS: 1000, ObserverAnalysis: json.RawMessage(`{"note":"ok"}`)},
	}
	must(t, db.AddSnapshot(uctx, snaps[0], evp(events.CodeExecuted)))
	must(t, db.AddSnapshot(uctx, snaps[1], nil))
	got, err := db.Snapshots(uctx, sid)
	must(t, err)
	if len(got) != 2 || got[0].Code != "a" || got[0].Type != interview.SnapshotAuto || !jsonEqual(got[0].ObserverAnalysis, []byte(`{"note":"ok"}`)) ||
		got[1].Type != interview.SnapshotExecution || !jsonEqual(got[1].ExecutionResult, []byte(`{"passed":1}`)) || got[1].ID != snaps[0].ID {
		t.Fatalf("Snapshots = %+v", got)
	}
	if n := countTopic(outboxEvents(t, db), events.CodeExecuted); n != 1 {
		t.Fatalf("%d code.executed events, want 1", n)
	}
	// The efficiency probe's result goes on the execution snapshot only.
	svc := mockroom.AsService(ctx)
	must(t, db.SetSnapshotEfficiency(svc, sid, snaps[0].ID, json.RawMessage(`{"class":"n","points":[{"n":1000,"ms":0.5}]}`)))
	wantKind(t, db.SetSnapshotEfficiency(svc, sid, snaps[1].ID, json.RawMessage(`{}`)), mockroom.KindNotFound, "")
	wantKind(t, db.SetSnapshotEfficiency(svc, sid, mockroom.NewID(), json.RawMessage(`{}`)), mockroom.KindNotFound, "")
	wantKind(t, db.SetSnapshotEfficiency(asUser(f.other), sid, snaps[0].ID, json.RawMessage(`{}`)), mockroom.KindNotFound, "")
	got, err = db.Snapshots(uctx, sid)
	must(t, err)
	if len(got) != 2 || len(got[0].Efficiency) != 0 || !jsonEqual(got[1].Efficiency, []byte(`{"class":"n","points":[{"n":1000,"ms":0.5}]}`)) {
		t.Fatalf("Snapshots after SetSnapshotEfficiency = %+v", got)
	}
	wantKind(t, db.AddSnapshot(uctx, &interview.Snapshot{SessionID: sid, Code: "x", Language: "go", Type: "weird"}, nil), mockroom.KindInvalid, "")
	wantKind(t, db.AddSnapshot(uctx, &interview.Snapshot{SessionID: sid, Code: "x", Language: "go"}, &events.Event{}), mockroom.KindInvalid, "invalid_event")
	if got, _ := db.Snapshots(ctx, sid); len(got) != 2 {
		t.Fatalf("refused snapshots were stored: %d", len(got))
	}

	// Another user's request sees and changes nothing of this session.
	octx := asUser(f.other)
	notFound := map[string]error{
		"Live":          second(db.Live(octx, sid)),
		"SaveCode":      second(db.SaveCode(octx, sid, "pwned", "go", 100, time.Now(), nil)),
		"AddTranscript": second(db.AddTranscript(octx, &interview.Transcript{SessionID: sid, Speaker: "candidate", Content: "x"}, 100, 0)),
		"AddSnapshot":   db.AddSnapshot(octx, &interview.Snapshot{SessionID: sid, Code: "x", Language: "go"}, nil),
		"EndSession":    third(db.EndSession(octx, sid, interview.StatusAbandoned, time.Now(), nil, ev(events.SessionEnded))),
	}
	_, _, err = db.UseHint(octx, sid, 5, 100, ev(events.HintRequested))
	notFound["UseHint"] = err
	for name, err := range notFound {
		if !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("%s on another user's session: %v, want not found", name, err)
		}
	}
	if l, err := db.Snapshots(octx, sid); err != nil || len(l) != 0 {
		t.Errorf("Snapshots of another user's session = %d, %v", len(l), err)
	}
	if l, err := db.Transcripts(octx, sid); err != nil || len(l) != 0 {
		t.Errorf("Transcripts of another user's session = %d, %v", len(l), err)
	}
	// A user cannot write an event that claims to be someone else's.
	wantKind(t, db.PublishEvent(octx, events.Event{Topic: events.CodeEdited, UserID: f.user}), mockroom.KindForbidden, "")
	if live, _ := db.Live(ctx, sid); live.Seq != 0 || live.Code != "package main\n" {
		t.Errorf("another user changed the live state: %+v", live)
	}
	if s, _ := db.SessionByID(ctx, sid); s.Status != interview.StatusActive || s.HintsUsed != 0 {
		t.Errorf("another user changed the session: %+v", s)
	}
}

// The conversation holds at most maxLines lines, counted in the same
// transaction as the insert; a seq already durable is still answered
// applied=false rather than refused; RecentTranscripts reads only the tail.
func testTranscriptCapAndRecent(t *testing.T, db storage.DB) {
	f := newLive(t, db)
	uctx := asUser(f.user)
	sid := f.s.ID
	say := func(text string, ts, seq int64, max int) (bool, error) {
		return db.AddTranscript(uctx, &interview.Transcript{SessionID: sid, Speaker: interview.SpeakerCandidate, Content: text, TimestampMS: ts}, seq, max)
	}
	for i := int64(1); i <= 5; i++ {
		if applied, err := say(fmt.Sprint("line ", i), i*10, i, 5); err != nil || !applied {
			t.Fatalf("line %d: applied=%v err=%v", i, applied, err)
		}
	}
	_, err := say("one too many", 60, 6, 5)
	wantKind(t, err, mockroom.KindConflict, "conversation_full")
	_, err = say("one too many, no seq", 60, 0, 5)
	wantKind(t, err, mockroom.KindConflict, "conversation_full")
	if applied, err := say("line 5 re-sent", 50, 5, 5); err != nil || applied {
		t.Fatalf("a re-sent seq at the cap: applied=%v err=%v, want false, nil", applied, err)
	}
	if applied, err := say("uncapped", 70, 0, 0); err != nil || !applied {
		t.Fatalf("maxLines 0 must not cap: applied=%v err=%v", applied, err)
	}
	if live, _ := db.Live(uctx, sid); live.Seq != 5 {
		t.Fatalf("a refused line moved the seq to %d", live.Seq)
	}
	recent, err := db.RecentTranscripts(uctx, sid, 3)
	must(t, err)
	var got []string
	for _, l := range recent {
		got = append(got, l.Content)
	}
	if fmt.Sprint(got) != "[line 4 line 5 uncapped]" {
		t.Fatalf("RecentTranscripts(3) = %q, want the last three, oldest first", got)
	}
	if all, _ := db.Transcripts(uctx, sid); len(all) != 6 {
		t.Fatalf("%d lines stored, want 6", len(all))
	}
	if l, err := db.RecentTranscripts(asUser(f.other), sid, 3); err != nil || len(l) != 0 {
		t.Fatalf("RecentTranscripts of another user's session = %d, %v", len(l), err)
	}
}

func third[A, B any](_ A, _ B, err error) error { return err }

// The outbox: a duplicate key is a no-op; the relay's claim is a lease.
func testOutbox(t *testing.T, db storage.DB) {
	e := events.Event{Topic: events.SessionEnded, Key: "k-1", SessionID: mockroom.NewID(), Payload: json.RawMessage(`{"x":[1,2]}`)}
	must(t, db.PublishEvent(ctx, e))
	must(t, db.PublishEvent(ctx, e))
	must(t, db.PublishEvent(ctx, events.Event{Topic: events.CodeEdited})) // a random key
	wantKind(t, db.PublishEvent(ctx, events.Event{Key: "no-topic"}), mockroom.KindInvalid, "invalid_event")
	wantKind(t, db.PublishEvent(ctx, events.Event{Topic: "t", Payload: json.RawMessage("{")}), mockroom.KindInvalid, "invalid_event")

	now := time.Now()
	got, err := db.ClaimUnpublished(ctx, now, time.Minute, 10)
	must(t, err)
	if len(got) != 2 || got[0].Key != "k-1" || got[0].SessionID != e.SessionID || !jsonEqual(got[0].Payload, e.Payload) ||
		got[1].Topic != events.CodeEdited || got[1].Key == "" {
		t.Fatalf("ClaimUnpublished = %+v", got)
	}
	if again, _ := db.ClaimUnpublished(ctx, now.Add(time.Second), time.Minute, 10); len(again) != 0 {
		t.Fatalf("leased rows claimed again: %+v", again)
	}
	must(t, db.MarkPublished(ctx, []string{got[0].ID, "not-an-id"}, now))
	later, err := db.ClaimUnpublished(ctx, now.Add(2*time.Minute), time.Minute, 10)
	must(t, err)
	if len(later) != 1 || later[0].ID != got[1].ID {
		t.Fatalf("after the lease: %+v, want only the unpublished row", later)
	}

	fired := make(chan struct{}, 10)
	cancel := db.OnOutboxWrite(func() { fired <- struct{}{} })
	must(t, db.PublishEvent(ctx, events.Event{Topic: events.CodeEdited}))
	select {
	case <-fired:
	default:
		t.Fatal("OnOutboxWrite did not fire after a write")
	}
	cancel()
	must(t, db.PublishEvent(ctx, events.Event{Topic: events.CodeEdited}))
	if len(fired) != 0 {
		t.Fatal("OnOutboxWrite fired after cancel")
	}
}
