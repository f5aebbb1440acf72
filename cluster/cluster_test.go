package cluster_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/jackc/pgx/v5"

	"github.com/mockroom/mockroom/internal/clusterharness"
	"github.com/mockroom/mockroom/internal/roomclient"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/transport/realtime"
)

const solution = roomclient.TwoSum

func edit(seq int64) string { return fmt.Sprintf("# edit %d\n%s", seq, solution) }

// need checks every program the cluster needs, loudly.
func need(t *testing.T) {
	ok, why := clusterharness.BalancerAvailable()
	testenv.Need(t, "HAProxy", ok, why)
	ok, why = clusterharness.PostgresAvailable()
	testenv.Need(t, "PostgreSQL server binaries (initdb, pg_ctl)", ok, why)
	_, err := exec.LookPath("redis-server")
	testenv.Need(t, "redis-server", err == nil, "redis-server not on PATH")
	ok, why = local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, why)
}

func buildBinary(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "mockroom")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/mockroom").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestCluster runs three instances on PostgreSQL and Redis behind HAProxy
// (round-robin, no stickiness) and checks that they behave as one server,
// then breaks them: kill -9 an instance and the leader, restart Redis and
// PostgreSQL, and restart every instance in turn, mid-interview, counting
// every acknowledged edit.
func TestCluster(t *testing.T) {
	need(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	c, err := clusterharness.Start(context.Background(), dir, clusterharness.Options{
		Binary: buildBinary(t), Instances: 3,
		SandboxCache: filepath.Join(os.TempDir(), "mockroom-test-sandbox-cache"),
		Env:          []string{"API_RATE_LIMIT_PER_MINUTE=60", "CREDITS=unlimited", "RUN_LIMIT_PER_SESSION_PER_MINUTE=3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	defer func() {
		if t.Failed() {
			for _, n := range c.Nodes {
				t.Logf("--- logs of %s (last 6000 bytes)\n%s", n.Name, tail(n.Logs(), 6000))
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	users := 0
	newUser := func(t *testing.T) (*roomclient.Account, string) {
		users++
		acct, err := roomclient.SignUp(ctx, c.URL, fmt.Sprintf("cluster%d@example.com", users), "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		id, err := acct.StartSession(ctx, "two-sum", "python", 60)
		if err != nil {
			t.Fatal(err)
		}
		return acct, id
	}
	nodeNamed := func(name string) *clusterharness.Node {
		for _, n := range c.Nodes {
			if n.Name == name {
				return n
			}
		}
		return nil
	}

	t.Run("an interview moves between instances on every reconnect", func(t *testing.T) {
		acct, id := newUser(t)
		room, err := roomclient.Open(ctx, acct, id)
		if err != nil {
			t.Fatal(err)
		}
		defer room.Close()
		seen := map[string]bool{}
		var seq int64
		for range 6 {
			seq = room.Edit(ctx, "python", edit(room.Last()+1))
			if err := room.WaitAcked(ctx, seq); err != nil {
				t.Fatal(err)
			}
			seen[room.Instance()] = true
			room.Reconnect()
			waitFor(t, 10*time.Second, "a reconnect", func() bool { return room.Instance() != "" && room.Stats().Connects > len(seen) })
		}
		if len(seen) != 3 {
			t.Fatalf("the room's sockets were served by %v; round-robin over three instances should give all three", seen)
		}
		checkDurable(t, ctx, acct, id, seq)
	})

	t.Run("a token is refused on every instance once used on one", func(t *testing.T) {
		acct, id := newUser(t)
		tok, err := acct.Token(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range c.Nodes {
			ws, _, err := websocket.Dial(ctx, "ws://"+n.Addr+"/ws", &websocket.DialOptions{Subprotocols: []string{realtime.Subprotocol, tok}})
			if err != nil {
				t.Fatalf("%s: dial: %v", n.Name, err)
			}
			rctx, rcancel := context.WithTimeout(ctx, 10*time.Second)
			_, _, err = ws.Read(rctx)
			rcancel()
			ws.CloseNow()
			refused := websocket.CloseStatus(err) == realtime.CloseUnauthorized
			if (i == 0) == refused {
				t.Fatalf("%s: use %d of one token: refused=%v (err %v)", n.Name, i+1, refused, err)
			}
		}
	})

	t.Run("limits are shared by the instances", func(t *testing.T) {
		acct, id := newUser(t)
		body := map[string]any{"code": solution, "language": "python", "mode": "run"}
		// Three runs a minute per interview: each on another instance.
		for i := range 3 {
			n := c.Nodes[i]
			if err := acct.With(n.URL()).Do(ctx, "POST", "/api/sessions/"+id+"/execute", body, nil); err != nil {
				t.Fatalf("run %d on %s: %v", i+1, n.Name, err)
			}
		}
		err := acct.Do(ctx, "POST", "/api/sessions/"+id+"/execute", body, nil)
		if roomclient.Status(err) != http.StatusTooManyRequests {
			t.Fatalf("the fourth run in a minute over three instances: %v; want 429", err)
		}
	})

	t.Run("a notice raised on one instance reaches a room on another", func(t *testing.T) {
		acct, id := newUser(t)
		room, err := roomclient.Open(ctx, acct, id, c.Nodes[1].URL())
		if err != nil {
			t.Fatal(err)
		}
		defer room.Close()
		body := map[string]any{"code": solution, "language": "python", "mode": "run"}
		if err := acct.With(c.Nodes[0].URL()).Do(ctx, "POST", "/api/sessions/"+id+"/execute", body, nil); err != nil {
			t.Fatal(err)
		}
		waitFrame(t, room, realtime.TypeExecution, 30*time.Second)
		// The end, asked of a third instance, closes the room on the second.
		if err := acct.With(c.Nodes[2].URL()).Do(ctx, "POST", "/api/sessions/"+id+"/end", map[string]any{}, nil); err != nil {
			t.Fatal(err)
		}
		waitFrame(t, room, realtime.TypeSessionEnded, 30*time.Second)
		// Exactly one evaluation, whichever instances consumed the event.
		waitFor(t, 60*time.Second, "the evaluation", func() bool {
			return acct.Do(ctx, "GET", "/api/sessions/"+id+"/evaluation", nil, nil) == nil
		})
		time.Sleep(2 * time.Second) // a second evaluator would have written by now
		if n := countRows(t, c, "SELECT count(*) FROM evaluations WHERE session_id = $1", id); n != 1 {
			t.Fatalf("%d evaluations of one ended session; want exactly 1", n)
		}
	})

	leaders := func() (names []string) {
		for _, n := range c.Nodes {
			if n.Running() && n.Metric("mockroom_leader") == 1 {
				names = append(names, n.Name)
			}
		}
		return names
	}

	t.Run("one sweeper, and another takes over when its instance is killed", func(t *testing.T) {
		var first []string
		waitFor(t, 30*time.Second, "exactly one leader", func() bool { first = leaders(); return len(first) == 1 })
		old := nodeNamed(first[0])
		old.Kill()
		var now []string
		waitFor(t, 40*time.Second, "a new leader after kill -9", func() bool { now = leaders(); return len(now) == 1 && now[0] != old.Name })
		if err := old.Start(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * time.Second) // the restarted instance follows
		if l := leaders(); len(l) != 1 {
			t.Fatalf("leaders after the old leader came back: %v", l)
		}
	})

	// Chaos: a stream of edits, a fault in the middle of it, then a final
	// edit; nothing acknowledged may be lost.
	chaos := func(t *testing.T, rooms int, fault func(t *testing.T, rs []*stream)) {
		var rs []*stream
		for range rooms {
			acct, id := newUser(t)
			room, err := roomclient.Open(ctx, acct, id)
			if err != nil {
				t.Fatal(err)
			}
			s := &stream{acct: acct, id: id, room: room}
			s.start(ctx)
			rs = append(rs, s)
		}
		for _, s := range rs {
			waitFor(t, 20*time.Second, "acks before the fault", func() bool { return s.room.Acked() >= 10 })
		}
		fault(t, rs)
		for _, s := range rs {
			s.stop()
			before := s.room.Acked()
			seq := s.room.Edit(ctx, "python", edit(s.room.Last()+1))
			wctx, wcancel := context.WithTimeout(ctx, 60*time.Second)
			err := s.room.WaitAcked(wctx, seq)
			wcancel()
			if err != nil {
				t.Fatalf("after the fault: %v (%v)", err, s.room.Stats())
			}
			st := s.room.Stats()
			if st.Lost != 0 {
				t.Fatalf("%d acknowledged edits were lost", st.Lost)
			}
			checkDurable(t, ctx, s.acct, s.id, seq)
			t.Logf("room %s: %d edits acknowledged (%d before the final one), %d sockets, %d failed dials, error frames %v",
				s.id, st.Acked, before, st.Connects, st.DialErrors, st.ErrorFrames)
			s.room.Close()
		}
	}

	t.Run("kill -9 the instance holding a room", func(t *testing.T) {
		chaos(t, 3, func(t *testing.T, rs []*stream) {
			victim := nodeNamed(rs[0].room.Instance())
			if victim == nil {
				t.Fatal("the room's instance is unknown")
			}
			victim.Kill()
			waitFor(t, 20*time.Second, "the room on another instance", func() bool {
				in := rs[0].room.Instance()
				return in != "" && in != victim.Name
			})
			time.Sleep(time.Second)
			if err := victim.Start(ctx); err != nil {
				t.Fatal(err)
			}
		})
	})

	t.Run("restart Redis mid-interview", func(t *testing.T) {
		chaos(t, 2, func(t *testing.T, rs []*stream) {
			c.Redis.Stop()
			time.Sleep(2 * time.Second)
			if err := c.Redis.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Second)
		})
		// Redis-backed state works again: a fresh token is single use.
		acct, id := newUser(t)
		room, err := roomclient.Open(ctx, acct, id)
		if err != nil {
			t.Fatal(err)
		}
		room.Close()
	})

	t.Run("restart PostgreSQL mid-interview", func(t *testing.T) {
		chaos(t, 2, func(t *testing.T, rs []*stream) {
			if err := c.PG.Stop(ctx, "fast"); err != nil {
				t.Fatal(err)
			}
			// During the outage the API says so: 503 with an error code.
			err := rs[0].acct.Do(ctx, "GET", "/api/sessions/"+rs[0].id, nil, nil)
			var ae *roomclient.APIError
			if !asAPIError(err, &ae) || ae.Status != http.StatusServiceUnavailable || ae.Code == "" {
				t.Errorf("a request while the database is down: %v; want 503 with a JSON error", err)
			}
			time.Sleep(2 * time.Second)
			if err := c.PG.Start(ctx); err != nil {
				t.Fatal(err)
			}
		})
	})

	t.Run("rolling restart of every instance under load", func(t *testing.T) {
		chaos(t, 4, func(t *testing.T, rs []*stream) {
			for _, n := range c.Nodes {
				n.Stop()
				if err := n.Start(ctx); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Second) // HAProxy sees it up again before the next goes down
			}
		})
	})

	for _, n := range c.Nodes {
		if strings.Contains(n.Logs(), "panic") {
			t.Errorf("%s panicked:\n%s", n.Name, tail(n.Logs(), 4000))
		}
	}
}

// stream sends an edit every 100 ms until stopped: faster than a person
// types (the web app debounces 300 ms), within the server's 20 frames a
// second.
type stream struct {
	acct *roomclient.Account
	id   string
	room *roomclient.Room
	wg   sync.WaitGroup
	quit chan struct{}
}

func (s *stream) start(ctx context.Context) {
	s.quit = make(chan struct{})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-s.quit:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				s.room.Edit(ctx, "python", edit(s.room.Last()+1))
			}
		}
	}()
}

func (s *stream) stop() { close(s.quit); s.wg.Wait() }

// checkDurable reads the session back: it holds exactly edit seq.
func checkDurable(t *testing.T, ctx context.Context, acct *roomclient.Account, id string, seq int64) {
	t.Helper()
	var v *roomclient.SessionView
	var err error
	waitFor(t, 30*time.Second, "the session read back", func() bool { v, err = acct.Session(ctx, id); return err == nil })
	if v.LastSeq != seq || v.Code != edit(seq) {
		t.Fatalf("the server holds seq %d (%q); the client's last acknowledged edit is %d", v.LastSeq, firstLine(v.Code), seq)
	}
}

func waitFrame(t *testing.T, room *roomclient.Room, typ string, d time.Duration) {
	t.Helper()
	deadline := time.After(d)
	for {
		select {
		case f := <-room.Frames:
			if f.Type == typ {
				return
			}
		case <-deadline:
			t.Fatalf("no %s frame within %v", typ, d)
		}
	}
}

func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	if !testenv.Eventually(d, cond) {
		t.Fatalf("timed out after %v waiting for %s", d, what)
	}
}

func countRows(t *testing.T, c *clusterharness.Cluster, q string, args ...any) int {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), c.PG.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func asAPIError(err error, out **roomclient.APIError) bool {
	e, ok := err.(*roomclient.APIError)
	*out = e
	return ok
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
