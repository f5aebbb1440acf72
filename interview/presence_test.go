package interview_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/agents/interviewer"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/interview/presencetest"
	"github.com/mockroom/mockroom/interview/redispresence"
	"github.com/mockroom/mockroom/ratelimit"
)

func TestMemoryPresenceConformance(t *testing.T) {
	presencetest.Run(t, func(*testing.T) (interview.Presence, interview.Presence) {
		p := interview.NewMemoryPresence()
		return p, p
	})
}

// Two instances share the database and a Redis presence: the candidate's
// socket lives on A, the sweeper runs on B. B must never abandon a session
// that A keeps seeing; once nobody has been seen for AbandonAfter, B does.
// The control (B with a presence of its own, as before issue 13) shows the
// test can fail.
func TestSweeperSeesTouchesOfAnotherInstance(t *testing.T) {
	for _, shared := range []bool{true, false} {
		t.Run(map[bool]string{true: "shared", false: "control: per-instance presence"}[shared], func(t *testing.T) {
			rdb, prefix := testenv.Redis(t)
			clock := testenv.NewClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
			app := apptest.New(t, apptest.Options{Problems: true, Clock: clock,
				Interview: interview.Config{Presence: redispresence.New(rdb, redispresence.Options{Prefix: prefix})}})
			uid := app.Client().Signup("two@example.com")
			ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
			bPresence := interview.Presence(interview.NewMemoryPresence())
			if shared {
				other := redis.NewClient(&redis.Options{Addr: testenv.RedisAddr()})
				t.Cleanup(func() { other.Close() })
				bPresence = redispresence.New(other, redispresence.Options{Prefix: prefix})
			}
			b := interview.NewService(app.DB, app.DB, onlyPython{}, interviewer.Offline{}, ratelimit.NewMemory(clock), clock, nil,
				interview.Config{Presence: bPresence})
			t.Cleanup(b.Close)
			a := app.Interviews
			s, err := a.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
			if err != nil {
				t.Fatal(err)
			}
			// The room on A is seen every four minutes; B sweeps for 40.
			for minute := 2; minute <= 40; minute += 2 {
				clock.Advance(2 * time.Minute)
				if minute%4 == 0 {
					a.Touch(s.ID)
				}
				if err := b.Sweep(context.Background()); err != nil {
					t.Fatal(err)
				}
				st := status(t, app, ctx, uid, s.ID).Status
				if st != interview.StatusActive {
					if shared {
						t.Fatalf("B abandoned a session A saw a minute or three ago (minute %d): %s", minute, st)
					}
					if minute != 10 || st != interview.StatusAbandoned {
						t.Fatalf("control: status %s at minute %d, want abandoned at 10", st, minute)
					}
					return
				}
			}
			if !shared {
				t.Fatal("control: B never abandoned a session it could not see")
			}
			// The room closes: ten minutes later B abandons it.
			clock.Advance(10 * time.Minute)
			b.Sweep(context.Background())
			if st := status(t, app, ctx, uid, s.ID).Status; st != interview.StatusAbandoned {
				t.Fatalf("ten minutes after the last touch: %s", st)
			}
		})
	}
}

// Presence that cannot be read abandons nothing (a client may be alive on
// another instance), while time still ends interviews.
func TestUnreadablePresenceAbandonsNothing(t *testing.T) {
	clock := testenv.NewClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	p := &brokenPresence{}
	app := apptest.New(t, apptest.Options{Problems: true, Clock: clock, Interview: interview.Config{Presence: p}})
	uid := app.Client().Signup("down@example.com")
	ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	short, err := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 30)
	if err != nil {
		t.Fatal(err)
	}
	long, _ := app.Interviews.Start(ctx, uid, app.ProblemID("two-sum"), "python", 60)
	clock.Advance(31 * time.Minute)
	if err := app.Interviews.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := status(t, app, ctx, uid, long.ID).Status; st != interview.StatusActive {
		t.Fatalf("abandoned with presence unreadable: %s", st)
	}
	if st := status(t, app, ctx, uid, short.ID).Status; st != interview.StatusCompleted {
		t.Fatalf("time is up but: %s", st)
	}
}

type brokenPresence struct{}

var errDown = mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "down")

func (*brokenPresence) Touch(context.Context, string, time.Time) error { return errDown }
func (*brokenPresence) Seen(context.Context, []string) (map[string]time.Time, error) {
	return nil, errDown
}
func (*brokenPresence) Forget(context.Context, string) error { return errDown }
