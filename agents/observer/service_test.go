package observer_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/agents/observer"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/realtime"
)

// room is a realtime client that collects observation frames.
type room struct {
	t    *testing.T
	conn *websocket.Conn
	ctx  context.Context
	seq  int64
	obs  chan arrival
}

type arrival struct {
	obs interview.Observation
	at  time.Time
}

func openRoom(t *testing.T, app *apptest.App, c *apptest.Client, id string) *room {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	conn, err := app.Dial(ctx, "", realtime.Subprotocol, c.Token(id))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	r := &room{t: t, conn: conn, ctx: ctx, obs: make(chan arrival, 64)}
	go func() {
		for {
			_, data, err := conn.Read(ctx)
			if err != nil {
				close(r.obs)
				return
			}
			var f realtime.Observation
			if json.Unmarshal(data, &f) == nil && f.Type == realtime.TypeObservation {
				r.obs <- arrival{f.Analysis, time.Now()}
			}
		}
	}()
	return r
}

func (r *room) edit(code string) {
	r.t.Helper()
	r.seq++
	raw, _ := json.Marshal(realtime.CodeEdit{Type: realtime.TypeCodeEdit, Seq: r.seq, Language: "python", Code: code})
	if err := r.conn.Write(r.ctx, websocket.MessageText, raw); err != nil {
		r.t.Fatal(err)
	}
}

// next waits up to d for an observation; ok is false when none came.
func (r *room) next(d time.Duration) (interview.Observation, bool) {
	a, ok := r.nextAt(d)
	return a.obs, ok
}

func (r *room) nextAt(d time.Duration) (arrival, bool) {
	select {
	case a, ok := <-r.obs:
		return a, ok
	case <-time.After(d):
		return arrival{}, false
	}
}

const broken = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums)\n            seen[x] = i\n        return []\n"

const fixed = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n        return []\n"

// TestEditWithASyntaxErrorReachesTheRoomAsAMarker: through the socket, the
// bus and the sandbox, a pause after an edit with a syntax error brings an
// observation frame with the error's line; fixing it clears the markers and
// suggests a run. A burst of edits is observed once, after the pause, on
// its last version.
func TestEditWithASyntaxErrorReachesTheRoomAsAMarker(t *testing.T) {
	// the interviewer's side: code.observed through the bus
	observed := make(chan interview.Observation, 16)
	app := apptest.New(t, apptest.Options{Problems: true,
		Observer: &observer.Config{Debounce: 300 * time.Millisecond, MinInterval: 300 * time.Millisecond},
		Subscribe: func(bus events.Bus) {
			bus.Subscribe("test-interviewer", []string{events.CodeObserved}, func(_ context.Context, d events.Delivery) error {
				var o interview.Observation
				if err := json.Unmarshal(d.Payload, &o); err != nil {
					t.Errorf("code.observed payload %s: %v", d.Payload, err)
				}
				observed <- o
				return nil
			})
		}})
	c := app.Client()
	c.Signup("observer@example.com")
	id := c.Start("two-sum", "python")
	r := openRoom(t, app, c, id)

	// a burst: only the last version is observed
	r.edit("class Solution:\n    def twoSum(self")
	r.edit("class Solution:\n    def twoSum(self, nums")
	r.edit(broken)
	o, ok := r.next(20 * time.Second)
	if !ok {
		t.Fatal("no observation after the pause")
	}
	if o.CodeHash != observer.Hash(broken) {
		t.Fatalf("observed another version than the last (%s)", o.CodeHash)
	}
	if len(o.SyntaxErrors) != 1 || o.SyntaxErrors[0].Line != 4 || o.SuggestRun {
		t.Fatalf("got %+v; want one syntax error at line 4 and no run suggested", o)
	}
	if o2, ok := r.next(1500 * time.Millisecond); ok {
		t.Fatalf("a second observation of the burst: %+v", o2)
	}
	select {
	case ev := <-observed:
		if ev.CodeHash != o.CodeHash || len(ev.SyntaxErrors) != 1 {
			t.Fatalf("code.observed carried %+v", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no code.observed event on the bus")
	}

	r.edit(fixed)
	o, ok = r.next(20 * time.Second)
	if !ok {
		t.Fatal("no observation after the fix")
	}
	if len(o.SyntaxErrors) != 0 || !o.SuggestRun || o.EstimatedComplexity != "O(n)" || o.Approach != interview.ApproachOptimized {
		t.Fatalf("after the fix: %+v", o)
	}
	if got := app.Observer.Latest(id); got == nil || got.CodeHash != observer.Hash(fixed) {
		t.Fatalf("latest observation %+v", got)
	}

	// the same code again (a re-save) is not observed twice in a row
	r.edit(fixed)
	if o2, ok := r.next(2 * time.Second); ok {
		t.Fatalf("the same code was observed again: %+v", o2)
	}

	// a room that joins (a reload) gets the latest finding at once
	r2 := openRoom(t, app, c, id)
	raw, _ := json.Marshal(realtime.Resume{Type: realtime.TypeResume, LastAckedSeq: r.seq})
	if err := r2.conn.Write(r2.ctx, websocket.MessageText, raw); err != nil {
		t.Fatal(err)
	}
	if o, ok := r2.next(5 * time.Second); !ok || o.CodeHash != observer.Hash(fixed) {
		t.Fatalf("a joining room got %+v, %v; want the latest finding", o, ok)
	}
}

// TestObservationsAreSpacedPerSession: a candidate pausing briefly but often
// is observed at most once per MinInterval, and the last version is
// observed once they stop.
func TestObservationsAreSpacedPerSession(t *testing.T) {
	const minInterval = 700 * time.Millisecond
	app := apptest.New(t, apptest.Options{Problems: true,
		Interview: interview.Config{EditEventEvery: 20 * time.Millisecond},
		Observer:  &observer.Config{Debounce: 100 * time.Millisecond, MinInterval: minInterval, EditEventEvery: 20 * time.Millisecond}})
	c := app.Client()
	c.Signup("spacing@example.com")
	id := c.Start("two-sum", "python")
	r := openRoom(t, app, c, id)

	code := fixed
	start := time.Now()
	for i := 0; time.Since(start) < 2500*time.Millisecond; i++ {
		code += "# pause\n"
		r.edit(code) // a pause of 150 ms: longer than the debounce
		time.Sleep(150 * time.Millisecond)
	}
	var at []time.Time
	var last interview.Observation
	for {
		a, ok := r.nextAt(3 * time.Second)
		if !ok {
			break
		}
		at = append(at, a.at)
		last = a.obs
	}
	if len(at) < 2 || len(at) > 5 {
		t.Fatalf("%d observations in 2.5 s of edits; want between 2 and 5", len(at))
	}
	for i := 1; i < len(at); i++ {
		// frames arrive a little after the observation; allow for the jitter
		if gap := at[i].Sub(at[i-1]); gap < minInterval-200*time.Millisecond {
			t.Fatalf("observations %d and %d only %v apart", i-1, i, gap)
		}
	}
	if last.CodeHash != observer.Hash(code) {
		t.Fatal("the last version was not observed")
	}
}
