package leader_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/cluster/leader"
	"github.com/mockroom/mockroom/cluster/leader/leadertest"
	"github.com/mockroom/mockroom/internal/testenv"
)

func TestRedisLease(t *testing.T) {
	addr := testenv.NeedRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	var key string
	leadertest.Run(t, leadertest.Factory{
		New: func(t *testing.T) leader.Lock {
			if key == "" || t.Name() != lastTest {
				key, lastTest = "mockroom-test:leader:"+mockroom.NewID(), t.Name()
				k := key
				t.Cleanup(func() { rdb.Del(context.Background(), k) })
			}
			return leader.NewRedisLease(rdb, key, 400*time.Millisecond)
		},
		// A crashed holder stops renewing; its lease runs out.
		Kill: func(t *testing.T, l leader.Lock) {},
	})
}

func TestPostgresLock(t *testing.T) {
	url := testenv.NeedPostgres(t)
	var name string
	leadertest.Run(t, leadertest.Factory{
		New: func(t *testing.T) leader.Lock {
			if name == "" || t.Name() != lastTest {
				name, lastTest = mockroom.NewID(), t.Name()
			}
			l := leader.NewPostgresLock(url, name)
			t.Cleanup(l.Close)
			return l
		},
		// A crashed holder's connection closes.
		Kill: func(t *testing.T, l leader.Lock) { l.(*leader.PostgresLock).Close() },
	})
}

func TestSolo(t *testing.T) {
	ok, err := leader.Solo{}.Acquire(context.Background())
	if !ok || err != nil {
		t.Fatal("a single node must always lead")
	}
}

// lastTest gives each subtest its own lock name.
var lastTest string

// TestPostgresLockIDSigns: a lock id with its top bit set (a negative
// bigint) is found in pg_locks as well as a positive one.
func TestPostgresLockIDSigns(t *testing.T) {
	url := testenv.NeedPostgres(t)
	found := map[bool]bool{}
	for i := 0; len(found) < 2; i++ {
		name := mockroom.NewID()
		l := leader.NewPostgresLock(url, name)
		neg := leader.LockID(l) < 0
		if found[neg] {
			continue
		}
		found[neg] = true
		if ok, err := l.Acquire(context.Background()); !ok || err != nil {
			t.Fatalf("negative id %v: Acquire = %v, %v", neg, ok, err)
		}
		if ok, err := l.Keep(context.Background()); !ok || err != nil {
			t.Fatalf("negative id %v: Keep = %v, %v; the held lock is not found in pg_locks", neg, ok, err)
		}
		l.Close()
	}
}
