package realtime_test

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/geminilive"
	"github.com/mockroom/mockroom/voice/openairt"
	"github.com/mockroom/mockroom/voice/relay"
	"github.com/mockroom/mockroom/voice/voicetest/geminifake"
	"github.com/mockroom/mockroom/voice/voicetest/openaifake"
)

// frontDoor forwards TCP connections to one instance until cut, which
// drops them all at once: what a client sees of an instance that dies (a
// broken connection, no close frame).
type frontDoor struct {
	ln     net.Listener
	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

func newFrontDoor(t *testing.T, target string) *frontDoor {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &frontDoor{ln: ln}
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			d.mu.Lock()
			if d.closed {
				in.Close()
				out.Close()
			}
			d.conns = append(d.conns, in, out)
			d.mu.Unlock()
			go func() { io.Copy(out, in); out.Close(); in.Close() }()
			go func() { io.Copy(in, out); in.Close(); out.Close() }()
		}
	}()
	t.Cleanup(d.cut)
	return d
}

func (d *frontDoor) url() string { return "ws://" + d.ln.Addr().String() + "/ws" }

func (d *frontDoor) cut() {
	d.ln.Close()
	d.mu.Lock()
	d.closed = true
	conns := d.conns
	d.conns = nil
	d.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// dialURL opens a room's socket at u, with a deadline generous enough for
// a whole failover on a loaded machine.
func dialURL(t *testing.T, u, token string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	c, _, err := websocket.Dial(ctx, u, &websocket.DialOptions{Subprotocols: []string{realtime.Subprotocol, token}})
	if err != nil {
		t.Fatal(err)
	}
	c.SetReadLimit(1 << 20)
	t.Cleanup(func() { c.CloseNow() })
	return &wsClient{t: t, conn: c, ctx: ctx}
}

// crashableUsage is an instance's usage store that stops writing when the
// instance "dies": what the relay would have recorded afterwards is
// counted as lost, as a killed process never writes it.
type crashableUsage struct {
	voice.UsageStore
	dead atomic.Bool

	mu   sync.Mutex
	lost time.Duration // connected time recorded after the crash
}

func (u *crashableUsage) RecordVoiceUsage(ctx context.Context, r voice.UsageRecord) error {
	if u.dead.Load() {
		u.mu.Lock()
		u.lost += r.Connected
		u.mu.Unlock()
		return nil
	}
	return u.UsageStore.RecordVoiceUsage(ctx, r)
}

func (u *crashableUsage) lostConnected() time.Duration {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.lost
}

// connectedMS is the session's stored connected voice time.
func connectedMS(t *testing.T, app *apptest.App, id string) int64 {
	t.Helper()
	us, err := app.DB.SessionVoiceUsage(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var ms int64
	for _, u := range us {
		ms += u.ConnectedMS
	}
	return ms
}

// within is eventually with a minute's patience: each step here waits on
// two instances' worth of goroutines on a loaded machine.
func within(t *testing.T, what string, ok func() bool) {
	t.Helper()
	if !testenv.Eventually(time.Minute, ok) {
		t.Fatalf("%s: not within a minute", what)
	}
}

// An instance holding a spoken interview dies mid-interview: the client
// reconnects to another instance (a fresh token, resume, voice.start, as
// the room does), whose relay opens a new provider connection primed with
// the conversation so far from the shared store; voice is live again and
// the next turn works. Usage is never counted twice: the dead instance's
// connected time up to its last record stays, the time after it is lost
// (docs/adr/0012-voice.md, "Instances dying"), and the new instance meters
// only its own connection.
func TestVoiceMovesToAnotherInstanceWhenOneDies(t *testing.T) {
	t.Parallel() // the test waits on audio pacing, not the CPU
	const (
		firstWords  = "I would use a hash map"
		secondWords = "then I would return both indices"
		// Connected time on the test clock: A before its last usage
		// record, A after it (until the crash), B in all.
		aRecorded, aAfter = 3 * time.Second, 12 * time.Second
		bBefore, bAfter   = 4 * time.Second, 6 * time.Second
	)
	cases := []struct {
		name string
		make func(t *testing.T, script string) (voice.Provider, speechFake)
		// fresh: the connection on B is a new session, not a resumed one.
		fresh func(f speechFake) bool
	}{
		{"openai", func(t *testing.T, script string) (voice.Provider, speechFake) {
			f := openaifake.New(openaifake.Options{Script: []string{script}})
			t.Cleanup(f.Close)
			return openairt.New(openairt.Config{APIKey: openaifake.DefaultKey, BaseURL: f.URL()}), f
		}, func(f speechFake) bool { return f.(*openaifake.Fake).Sessions() == 1 }},
		{"gemini", func(t *testing.T, script string) (voice.Provider, speechFake) {
			f := geminifake.New(geminifake.Options{Script: []string{script}})
			t.Cleanup(f.Close)
			return geminilive.New(geminilive.Config{APIKey: f.Key(), BaseURL: f.URL()}), f
		}, func(f speechFake) bool {
			g := f.(*geminifake.Server)
			return g.Connections() == 1 && len(g.Resumptions()) == 0
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// One clock for both instances, moved only by the test: the
			// connected time each records is exact.
			clock := testenv.NewClock(time.Now())
			voiceWith := func(p voice.Provider) *relay.Config {
				return &relay.Config{Providers: map[string]voice.Provider{p.Name(): p}, Order: []string{p.Name()}}
			}
			// Two instances on one store, each with its own provider
			// connection (separate fakes, so what each was sent is plain).
			pA, fakeA := tc.make(t, firstWords)
			pB, fakeB := tc.make(t, secondWords)
			usageA := &crashableUsage{}
			a := apptest.New(t, apptest.Options{Problems: true, Clock: clock, Voice: voiceWith(pA),
				VoiceUsage: func(s voice.UsageStore) voice.UsageStore { usageA.UsageStore = s; return usageA }})
			b := apptest.New(t, apptest.Options{Problems: true, Clock: clock, Peer: a, Voice: voiceWith(pB)})
			c := a.Client()
			c.Signup("moving@example.com")
			id := c.Start("two-sum", "python")

			// On A, through a door that can be cut: voice, then one turn.
			door := newFrontDoor(t, strings.TrimPrefix(a.Server.URL, "http://"))
			ra := &voiceRoom{wsClient: dialURL(t, door.url(), c.Token(id)), app: a, c: c, id: id}
			ra.send(map[string]any{"type": realtime.TypeResume, "last_acked_seq": 0})
			ra.read(realtime.TypeSessionState)
			ra.start()
			clock.Advance(aRecorded)
			go ra.speak(500, 900)
			cand := ra.until("the candidate's spoken line on A", spokenLine("candidate"))
			if got := cand["entry"].(map[string]any)["content"]; got != firstWords {
				t.Fatalf("candidate line on A %q", got)
			}
			ra.until("the answer's end on A", activity("interviewer", "stopped"))
			// The answer's usage record holds A's connected time so far.
			within(t, "A's usage record of the answer", func() bool { return connectedMS(t, a, id) == aRecorded.Milliseconds() })
			// The answer plays out and is stored; A stays connected.
			clock.Advance(aAfter)
			iv := ra.until("the interviewer's spoken line on A", spokenLine("interviewer"))
			answer := iv["entry"].(map[string]any)["content"].(string)
			if !strings.Contains(answer, "hash map") {
				t.Fatalf("interviewer line on A %q", answer)
			}

			// A dies: nothing it writes from now on lands, the room's socket
			// breaks without a close frame, and its provider connection goes.
			usageA.dead.Store(true)
			door.cut()
			for {
				if _, _, err := ra.conn.Read(ra.ctx); err != nil {
					if code := websocket.CloseStatus(err); code != -1 {
						t.Fatalf("the socket closed with %v: a dying instance sends no close frame", code)
					}
					break
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			a.Voice.Shutdown(ctx)
			cancel()
			within(t, "A's call to end", func() bool { return a.Voice.Active() == 0 })
			within(t, "A's provider connection to close", func() bool { return open(fakeA) == 0 })
			if lost := usageA.lostConnected(); lost != aAfter {
				t.Fatalf("A lost %v of connected time in the crash, want %v (the time since its last record)", lost, aAfter)
			}

			// The room reconnects to B as the page does: a fresh token
			// (from B), resume, then voice.start.
			onB := on(b, c)
			rb := &voiceRoom{wsClient: dialURL(t, "ws"+strings.TrimPrefix(b.Server.URL, "http")+"/ws", onB.Token(id)), app: b, c: onB, id: id}
			rb.send(map[string]any{"type": realtime.TypeResume, "last_acked_seq": 0})
			if st := rb.read(realtime.TypeSessionState); st["status"] != "active" {
				t.Fatalf("session_state on B: %v", st)
			}
			rb.start()
			// B's model was opened afresh with the conversation so far, in
			// order, and the interview's brief.
			within(t, "B's model to get the conversation", func() bool {
				ctx := strings.Join(fakeB.Context(), "\n")
				i, j := strings.Index(ctx, firstWords), strings.Index(ctx, answer)
				return i >= 0 && j > i
			})
			if !strings.Contains(fakeB.Instructions(), "Two Sum") {
				t.Fatalf("B's model was not briefed on the problem: %.200q", fakeB.Instructions())
			}
			if !tc.fresh(fakeB) {
				t.Fatalf("B's provider connection is not one new session")
			}

			// Another turn, on B.
			clock.Advance(bBefore)
			go rb.speak(500, 900)
			cand = rb.until("the candidate's spoken line on B", spokenLine("candidate"))
			if got := cand["entry"].(map[string]any)["content"]; got != secondWords {
				t.Fatalf("candidate line on B %q", got)
			}
			rb.until("the answer's end on B", activity("interviewer", "stopped"))
			clock.Advance(bAfter)
			iv = rb.until("the interviewer's spoken line on B", spokenLine("interviewer"))
			if got := iv["entry"].(map[string]any)["content"].(string); !strings.Contains(got, "return both indices") {
				t.Fatalf("interviewer line on B %q", got)
			}
			rb.send(map[string]any{"type": realtime.TypeVoiceStop})
			if st := rb.until("voice off", func(m map[string]any) bool { return m["type"] == realtime.TypeVoiceState && m["status"] == "off" }); st["reason"] != "stopped" {
				t.Fatalf("after voice.stop on B: %v", st)
			}
			within(t, "B's call to end", func() bool { return b.Voice.Active() == 0 })

			// The transcript holds both turns once each, in order.
			var body struct {
				Transcript []struct {
					Speaker  string
					Content  string
					Metadata map[string]any
				}
			}
			onB.Do("GET", "/api/sessions/"+id+"/transcript", nil).JSON(t, &body)
			var spoken []string
			for _, l := range body.Transcript {
				if l.Metadata["voice"] == true {
					spoken = append(spoken, l.Speaker+": "+l.Content)
				}
			}
			if len(spoken) != 4 || spoken[0] != "candidate: "+firstWords || spoken[1] != "interviewer: "+answer ||
				spoken[2] != "candidate: "+secondWords || !strings.HasPrefix(spoken[3], "interviewer: ") {
				t.Fatalf("spoken lines stored: %q", spoken)
			}
			// A's recorded time and B's own, nothing twice.
			if got, want := connectedMS(t, b, id), (aRecorded + bBefore + bAfter).Milliseconds(); got != want {
				t.Fatalf("stored connected time %d ms, want %d (A's %v before its last record, B's %v)", got, want, aRecorded, bBefore+bAfter)
			}
		})
	}
}

// A room moves to another instance while the first is alive (a network
// blip sent the reconnect elsewhere, or another tab): the first ends its
// call as soon as the second starts one, instead of holding it for its
// grace period with a second speech-model connection open and metered.
// And back: a tab that takes voice over on the first instance ends the
// second's call, whose room hears taken_over, as tabs on one instance do.
func TestVoiceClaimedOnAnotherInstanceEndsTheCallHere(t *testing.T) {
	t.Parallel()
	speech := func() (*relay.Config, *openaifake.Fake) {
		f := openaifake.New(openaifake.Options{Script: []string{"hello"}})
		t.Cleanup(f.Close)
		p := openairt.New(openairt.Config{APIKey: openaifake.DefaultKey, BaseURL: f.URL()})
		// An hour's grace: only the claim can end a call within the test.
		return &relay.Config{Grace: time.Hour, Providers: map[string]voice.Provider{p.Name(): p}, Order: []string{p.Name()}}, f
	}
	voiceA, fakeA := speech()
	voiceB, fakeB := speech()
	fan := realtime.NewMemoryFanout()
	a := apptest.New(t, apptest.Options{Problems: true, Voice: voiceA, Realtime: realtime.Config{Fanout: fan}})
	b := apptest.New(t, apptest.Options{Problems: true, Peer: a, Voice: voiceB, Realtime: realtime.Config{Fanout: fan.Peer()}})
	c := a.Client()
	c.Signup("claimed@example.com")
	id := c.Start("two-sum", "python")
	wsURL := func(app *apptest.App) string { return "ws" + strings.TrimPrefix(app.Server.URL, "http") + "/ws" }
	live := func(app *apptest.App, cl *apptest.Client) *voiceRoom {
		r := &voiceRoom{wsClient: dialURL(t, wsURL(app), cl.Token(id)), app: app, c: cl, id: id}
		r.send(map[string]any{"type": realtime.TypeResume, "last_acked_seq": 0})
		r.read(realtime.TypeSessionState)
		r.start()
		return r
	}

	ra := live(a, c)
	within(t, "A's speech-model connection", func() bool { return open(fakeA) == 1 })
	ra.conn.CloseNow() // the room leaves A; A lives on and keeps the call for its grace
	rb := live(b, on(b, c))
	within(t, "A's call to end once B holds it", func() bool { return a.Voice.Active() == 0 && open(fakeA) == 0 })
	if b.Voice.Active() != 1 || open(fakeB) != 1 {
		t.Fatalf("B's call: %d active, %d connections", b.Voice.Active(), open(fakeB))
	}

	// Another tab, on A, takes voice over: B's room hears it.
	live(a, c)
	st := rb.until("taken_over on B", func(m map[string]any) bool { return m["type"] == realtime.TypeVoiceState && m["status"] == "off" })
	if st["reason"] != relay.ReasonTakenOver {
		t.Fatalf("B's room: %v", st)
	}
	within(t, "B's call to end", func() bool { return b.Voice.Active() == 0 && open(fakeB) == 0 })
	if a.Voice.Active() != 1 {
		t.Fatalf("A's call after the takeover: %d active", a.Voice.Active())
	}
}
