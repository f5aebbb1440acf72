package interview_test

import (
	"context"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
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
