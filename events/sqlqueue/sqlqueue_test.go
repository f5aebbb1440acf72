package sqlqueue_test

import (
	"context"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/events/eventstest"
	"github.com/mockroom/mockroom/events/sqlqueue"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/postgres"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/storage/storagetest"
)

const backoff = 20 * time.Millisecond

func opts() sqlqueue.Options {
	return sqlqueue.Options{Poll: 20 * time.Millisecond, Lease: time.Second, Backoff: backoff}
}

func harness(db storage.DB) eventstest.Harness {
	return eventstest.Harness{
		NewBus:  func(t *testing.T) events.Bus { return sqlqueue.New(db, opts()) },
		Outbox:  db,
		Backoff: backoff,
	}
}

func openSQLite(t *testing.T) storage.DB {
	db, err := sqlite.Open(context.Background(), t.TempDir(), mockroom.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t *testing.T) storage.DB {
	db, err := postgres.Open(context.Background(), storagetest.FreshPostgres(t), mockroom.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformanceSQLite(t *testing.T) {
	t.Parallel()
	eventstest.Run(t, func(t *testing.T) eventstest.Harness { return harness(openSQLite(t)) })
}

func TestConformancePostgres(t *testing.T) {
	t.Parallel()
	eventstest.Run(t, func(t *testing.T) eventstest.Harness { return harness(openPostgres(t)) })
}

// A consumer that died holding claims (no release, no ack) loses them when
// the lease ends: another instance delivers them, once.
func TestExpiredLeaseIsTakenOver(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(*testing.T) storage.DB{"sqlite": openSQLite, "postgres": openPostgres} {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			ctx := mockroom.AsService(context.Background()) // the dead consumer is server code
			for _, k := range []string{"a", "b", "c"} {
				if err := db.PublishEvent(ctx, events.Event{Topic: events.CodeEdited, Key: k}); err != nil {
					t.Fatal(err)
				}
			}
			const lease = 300 * time.Millisecond
			claimed, err := db.ClaimDeliveries(ctx, "g", nil, time.Now(), lease, 10)
			if err != nil || len(claimed) != 3 {
				t.Fatalf("ClaimDeliveries = %d, %v", len(claimed), err)
			}
			// While the lease holds, nobody else gets them.
			if again, _ := db.ClaimDeliveries(ctx, "g", nil, time.Now(), lease, 10); len(again) != 0 {
				t.Fatalf("claimed twice: %+v", again)
			}
			o := opts()
			o.Lease = lease
			bus := sqlqueue.New(db, o)
			got := make(chan events.Delivery, 10)
			bus.Subscribe("g", nil, func(_ context.Context, d events.Delivery) error { got <- d; return nil })
			runCtx, cancel := context.WithCancel(ctx)
			done := make(chan struct{})
			go func() { bus.Run(runCtx); close(done) }()
			defer func() { cancel(); <-done }()
			began := time.Now()
			seen := map[string]int{}
			for len(seen) < 3 {
				select {
				case d := <-got:
					seen[d.Key]++
					if d.Attempt != 2 {
						t.Errorf("%s: attempt %d, want 2 (the dead consumer's claim counted)", d.Key, d.Attempt)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("only %v delivered", seen)
				}
			}
			if waited := time.Since(began); waited < lease/2 {
				t.Errorf("taken over after %v, before the lease ended", waited)
			}
			// Once the bus has stopped, a wrong redelivery is either in got
			// already or still claimable (never acked).
			cancel()
			<-done
			if len(got) != 0 {
				t.Fatalf("delivered again: %+v", <-got)
			}
			if left, err := db.ClaimDeliveries(ctx, "g", nil, time.Now().Add(time.Hour), lease, 10); err != nil || len(left) != 0 {
				t.Fatalf("not acknowledged: %+v, %v", left, err)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		attempt int
		want    time.Duration
	}{
		{1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second}, {4, 8 * time.Second}, {20, time.Minute}, {0, time.Second},
	} {
		if got := sqlqueue.Backoff(time.Second, time.Minute, tc.attempt); got != tc.want {
			t.Errorf("Backoff(attempt %d) = %v, want %v", tc.attempt, got, tc.want)
		}
	}
}
