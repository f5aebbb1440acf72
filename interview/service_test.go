package interview_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/agents/interviewer"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/ratelimit"
)

// sweepEnv is the app on a clock the test moves, with one candidate.
func sweepEnv(t *testing.T) (*apptest.App, *testenv.Clock, context.Context, string) {
	clock := testenv.NewClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	app := apptest.New(t, apptest.Options{Problems: true, Clock: clock})
	c := app.Client()
	uid := c.Signup("sweep@example.com")
	ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	return app, clock, ctx, uid
}

func status(t *testing.T, app *apptest.App, ctx context.Context, uid, id string) *interview.Session {
	t.Helper()
	s, err := app.Interviews.Session(ctx, uid, id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSweepEndsExpiredAndAbandonsIdleSessions(t *testing.T) {
	app, clock, ctx, uid := sweepEnv(t)
	pid := app.ProblemID("two-sum")
	short, err := app.Interviews.Start(ctx, uid, pid, "python", 30)
	if err != nil {
		t.Fatal(err)
	}
	long, _ := app.Interviews.Start(ctx, uid, pid, "python", 60)
	idle, _ := app.Interviews.Start(ctx, uid, pid, "python", 60)

	// 9 minutes in, everyone active; the two live rooms keep touching.
	clock.Advance(9 * time.Minute)
	app.Interviews.Touch(short.ID)
	app.Interviews.Touch(long.ID)
	if err := app.Interviews.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{short.ID, long.ID, idle.ID} {
		if s := status(t, app, ctx, uid, id); s.Status != interview.StatusActive {
			t.Fatalf("%s ended early: %s", id, s.Status)
		}
	}
	// 11 minutes without a client abandons; 31 minutes ends the 30-minute one.
	clock.Advance(22 * time.Minute)
	app.Interviews.Touch(long.ID)
	app.Interviews.Sweep(context.Background())
	if s := status(t, app, ctx, uid, idle.ID); s.Status != interview.StatusAbandoned {
		t.Fatalf("idle session: %s", s.Status)
	}
	s := status(t, app, ctx, uid, short.ID)
	if s.Status != interview.StatusCompleted || s.DurationSeconds < 30*60 || s.EndedAt == nil {
		t.Fatalf("expired session: %+v", s)
	}
	if s := status(t, app, ctx, uid, long.ID); s.Status != interview.StatusActive {
		t.Fatalf("the 60-minute session ended at 31 minutes: %s", s.Status)
	}
	// Every ended session has its final snapshot.
	snaps, _ := app.Interviews.Snapshots(ctx, uid, short.ID)
	if len(snaps) == 0 || snaps[len(snaps)-1].Type != interview.SnapshotFinal {
		t.Fatalf("no final snapshot: %+v", snaps)
	}
	// Credits were taken once per start and never refunded by the sweep.
	if bal, _ := app.DB.Balance(ctx, uid); bal != 0 {
		t.Fatalf("balance %d", bal)
	}
}

func TestHardLimitCapsEveryDuration(t *testing.T) {
	clock := testenv.NewClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	app := apptest.New(t, apptest.Options{Problems: true, Clock: clock, Interview: interview.Config{HardLimit: 40 * time.Minute}})
	c := app.Client()
	uid := c.Signup("hard@example.com")
	ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	s, err := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	if err != nil {
		t.Fatal(err)
	}
	if got := app.Interviews.EndsAt(s).Sub(*s.StartedAt); got != 40*time.Minute {
		t.Fatalf("a 60-minute session under a 40-minute hard limit ends after %v", got)
	}
	clock.Advance(41 * time.Minute)
	app.Interviews.Touch(s.ID)
	app.Interviews.Sweep(context.Background())
	if st := status(t, app, ctx, uid, s.ID); st.Status != interview.StatusCompleted {
		t.Fatalf("past the hard limit: %s", st.Status)
	}
}

func TestAutoSnapshotsOnlyWhenTheCodeChanged(t *testing.T) {
	app, clock, ctx, uid := sweepEnv(t)
	s, _ := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	count := func() int {
		snaps, _ := app.Interviews.Snapshots(ctx, uid, s.ID)
		n := 0
		for _, sn := range snaps {
			if sn.Type == interview.SnapshotAuto {
				n++
			}
		}
		return n
	}
	tick := func() {
		clock.Advance(31 * time.Second)
		app.Interviews.Touch(s.ID)
		app.Interviews.Sweep(context.Background())
	}
	tick() // first look: remembers the code
	if _, err := app.Interviews.SaveCode(ctx, uid, s.ID, "# v1\n", "python", 1, false); err != nil {
		t.Fatal(err)
	}
	tick()
	if n := count(); n != 1 {
		t.Fatalf("after a change: %d auto snapshots", n)
	}
	tick() // unchanged: nothing new
	if n := count(); n != 1 {
		t.Fatalf("unchanged code was snapshotted again: %d", n)
	}
	app.Interviews.SaveCode(ctx, uid, s.ID, "# v2\n", "python", 2, false)
	tick()
	if n := count(); n != 2 {
		t.Fatalf("after a second change: %d", n)
	}
}

// spyStore records how the conversation is read.
type spyStore struct {
	interview.Store
	mu          sync.Mutex
	fullReads   int
	recentReads []int
}

func (s *spyStore) Transcripts(ctx context.Context, id string) ([]interview.Transcript, error) {
	s.mu.Lock()
	s.fullReads++
	s.mu.Unlock()
	return s.Store.Transcripts(ctx, id)
}

func (s *spyStore) RecentTranscripts(ctx context.Context, id string, n int) ([]interview.Transcript, error) {
	s.mu.Lock()
	s.recentReads = append(s.recentReads, n)
	s.mu.Unlock()
	return s.Store.RecentTranscripts(ctx, id, n)
}

// spyInterviewer records the history each reply is given.
type spyInterviewer struct {
	interviewer.Offline
	histories [][]interview.Transcript
}

func (s *spyInterviewer) Reply(ctx context.Context, t interview.Turn, emit func(string)) (string, error) {
	s.histories = append(s.histories, t.History)
	return s.Offline.Reply(ctx, t, emit)
}

// onlyPython is a judge that is never asked to run anything here.
type onlyPython struct{}

func (onlyPython) Execute(context.Context, judge.Request) (*judge.Report, error) {
	return nil, mockroom.Errorf(mockroom.KindUnavailable, "no_judge", "not in this test")
}
func (onlyPython) Languages() []string { return []string{"python"} }

// A chat answer reads the latest ReplyWindow lines through the store, never
// the whole conversation: one account's flood of messages must not make
// every further message cost more.
func TestChatReplyReadsABoundedWindow(t *testing.T) {
	app, clock, ctx, uid := sweepEnv(t)
	store := &spyStore{Store: app.DB}
	iv := &spyInterviewer{}
	svc := interview.NewService(store, app.DB, onlyPython{}, iv, ratelimit.NewMemory(clock), clock, nil, interview.Config{ReplyWindow: 4})
	t.Cleanup(svc.Close)
	s, err := svc.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 12; i++ {
		clock.Advance(time.Second)
		msg := fmt.Sprintf("message %d", i)
		_, replied, err := svc.Chat(ctx, uid, s.ID, msg, int64(i))
		if err != nil {
			t.Fatal(err)
		}
		<-replied
		h := iv.histories[len(iv.histories)-1]
		if len(h) > 4 || h[len(h)-1].Content != msg {
			t.Fatalf("reply %d was given %d lines ending %q; want at most 4, ending with the message", i, len(h), h[len(h)-1].Content)
		}
	}
	if store.fullReads != 0 {
		t.Fatalf("chat read the whole transcript %d times", store.fullReads)
	}
	if len(store.recentReads) != 12 || slices.ContainsFunc(store.recentReads, func(n int) bool { return n != 4 }) {
		t.Fatalf("recent reads = %v, want 12 reads of 4 lines", store.recentReads)
	}
	if all, _ := svc.Transcript(ctx, uid, s.ID); len(all) != 25 {
		t.Fatalf("the conversation holds %d lines, want 25 (greeting and 12 exchanges)", len(all))
	}
}

// A seq near 2^63 is refused: made durable, it would leave no larger seq
// for the next edit, and every later edit would be acknowledged unsaved.
func TestHugeSeqIsRefusedAndTheSessionKeepsSaving(t *testing.T) {
	app, _, ctx, uid := sweepEnv(t)
	s, err := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	if err != nil {
		t.Fatal(err)
	}
	for _, seq := range []int64{math.MaxInt64, math.MaxInt64 - 1, interview.MaxSeq + 1, -1} {
		_, err := app.Interviews.SaveCode(ctx, uid, s.ID, "huge", "python", seq, false)
		if e := mockroom.AsError(err); e == nil || e.Code != "invalid_seq" {
			t.Fatalf("SaveCode seq %d: %v", seq, err)
		}
		if _, _, err := app.Interviews.Chat(ctx, uid, s.ID, "huge", seq); mockroom.AsError(err) == nil || mockroom.AsError(err).Code != "invalid_seq" {
			t.Fatalf("Chat seq %d: %v", seq, err)
		}
		if _, _, _, err := app.Interviews.Hint(ctx, uid, s.ID, seq); mockroom.AsError(err) == nil || mockroom.AsError(err).Code != "invalid_seq" {
			t.Fatalf("Hint seq %d: %v", seq, err)
		}
	}
	for _, seq := range []int64{1, 2} {
		applied, err := app.Interviews.SaveCode(ctx, uid, s.ID, fmt.Sprint("v", seq), "python", seq, false)
		if err != nil || !applied {
			t.Fatalf("SaveCode seq %d after the refusals: applied=%v err=%v", seq, applied, err)
		}
	}
	if _, live, _ := app.Interviews.Live(ctx, uid, s.ID); live.Code != "v2" || live.Seq != 2 {
		t.Fatalf("live = %+v", live)
	}
}
