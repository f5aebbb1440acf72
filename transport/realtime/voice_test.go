package realtime_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/cascade"
	"github.com/mockroom/mockroom/voice/geminilive"
	"github.com/mockroom/mockroom/voice/openairt"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/relay"
	"github.com/mockroom/mockroom/voice/voicetest"
	"github.com/mockroom/mockroom/voice/voicetest/geminifake"
	"github.com/mockroom/mockroom/voice/voicetest/openaifake"
	"github.com/mockroom/mockroom/voice/voicetest/speechfake"
)

// speechFake is what these tests need of a provider's loopback fake.
type speechFake interface {
	voicetest.Fake
	Close()
}

// open counts a fake's open connections.
func open(f speechFake) int {
	switch f := f.(type) {
	case *openaifake.Fake:
		return f.Connections()
	case *geminifake.Server:
		return f.Open()
	case *speechfake.Server:
		return 0 // HTTP: no connection outlives a request
	}
	panic("unknown fake")
}

type speechCase struct {
	name string
	make func(t *testing.T) (voice.Provider, speechFake)
	// echo: the fake model answers by quoting what it heard (the cloud
	// fakes); the local cascade answers with our own interviewer.
	echo bool
}

// lateResponder is the local cascade's answer step, bound to the relay
// once the app (which builds the relay) is up, as serve binds it.
type lateResponder struct{ r *relay.Relay }

func (l *lateResponder) Respond(ctx context.Context, req cascade.Request, emit func(string)) (string, error) {
	return l.r.Respond(ctx, req.SessionID, req.Utterance, emit)
}

var lateResponders sync.Map // voice.Provider → *lateResponder

// speechCases are the real adapters against their faithful fakes.
var speechCases = []speechCase{
	{"openai", func(t *testing.T) (voice.Provider, speechFake) {
		f := openaifake.New(openaifake.Options{Script: []string{"I would use a hash map", "wait, one more thing"}})
		t.Cleanup(f.Close)
		return openairt.New(openairt.Config{APIKey: openaifake.DefaultKey, BaseURL: f.URL()}), f
	}, true},
	{"gemini", func(t *testing.T) (voice.Provider, speechFake) {
		f := geminifake.New(geminifake.Options{Script: []string{"I would use a hash map", "wait, one more thing"}})
		t.Cleanup(f.Close)
		return geminilive.New(geminilive.Config{APIKey: f.Key(), BaseURL: f.URL()}), f
	}, true},
	{"local", func(t *testing.T) (voice.Provider, speechFake) {
		f := speechfake.New(t, speechfake.Options{Key: "local-key", Script: []string{"I would use a hash map", "wait, one more thing"}, Pace: 8})
		late := &lateResponder{}
		// A long lead sends each answer's audio at once: the room plays it
		// and reports barge-ins, as it does for the cloud models.
		p, err := cascade.New(cascade.Config{BaseURL: f.URL, APIKey: "local-key", Responder: late, Lead: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		lateResponders.Store(voice.Provider(p), late)
		return p, f
	}, false},
}

// voiceRoom is a socket of an interview with voice on.
type voiceRoom struct {
	*wsClient
	app  *apptest.App
	c    *apptest.Client
	id   string
	rate int
	// audio is the interviewer audio received so far.
	audio []byte
}

func voiceSetup(t *testing.T, p voice.Provider, cfg relay.Config) *voiceRoom {
	t.Helper()
	return voiceSetupWith(t, p, cfg, apptest.Options{})
}

// voiceSetupWith is voiceSetup on an app built with o (a test clock, say).
func voiceSetupWith(t *testing.T, p voice.Provider, cfg relay.Config, o apptest.Options) *voiceRoom {
	t.Helper()
	cfg.Providers = map[string]voice.Provider{p.Name(): p}
	cfg.Order = []string{p.Name()}
	o.Voice = &cfg
	app, c, id := setup(t, o)
	if late, ok := lateResponders.Load(p); ok {
		late.(*lateResponder).r = app.Voice
	}
	return &voiceRoom{wsClient: dial(t, app, c.Token(id)), app: app, c: c, id: id}
}

// read returns the next JSON frame of one of types, keeping audio frames.
func (r *voiceRoom) read(types ...string) map[string]any {
	r.t.Helper()
	return r.until(strings.Join(types, " or "), func(m map[string]any) bool {
		t, _ := m["type"].(string)
		return slices.Contains(types, t)
	})
}

// until reads until a frame satisfies ok.
func (r *voiceRoom) until(what string, ok func(map[string]any) bool) map[string]any {
	r.t.Helper()
	for {
		typ, data, err := r.conn.Read(r.ctx)
		if err != nil {
			r.t.Fatalf("reading (waiting for %s): %v", what, err)
		}
		if typ == websocket.MessageBinary {
			r.audio = append(r.audio, data...)
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			r.t.Fatalf("server sent non-JSON %q", data)
		}
		if ok(m) {
			return m
		}
	}
}

func (r *voiceRoom) start() {
	r.t.Helper()
	r.send(map[string]any{"type": "voice.start"})
	for {
		st := r.read("voice.state", "error")
		if st["type"] == "error" {
			r.t.Fatalf("voice.start: %v", st)
		}
		if st["status"] == "live" {
			r.rate = int(st["input_rate"].(float64))
			if out := st["output_rate"].(float64); out != 24000 {
				r.t.Fatalf("output rate %v", out)
			}
			return
		}
		if st["status"] == "off" {
			r.t.Fatalf("voice went off: %v", st)
		}
	}
}

// speak sends an utterance as 20 ms binary frames in real time.
func (r *voiceRoom) speak(ms, silenceMS int) {
	for _, f := range pcm.Chunks(voicetest.Utterance(r.rate, ms, silenceMS), r.rate, 20) {
		if err := r.conn.Write(r.ctx, websocket.MessageBinary, f); err != nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func activity(speaker, state string) func(map[string]any) bool {
	return func(m map[string]any) bool {
		return m["type"] == "voice.activity" && m["speaker"] == speaker && m["state"] == state
	}
}

func spokenLine(speaker string) func(map[string]any) bool {
	return func(m map[string]any) bool {
		e, _ := m["entry"].(map[string]any)
		return m["type"] == "transcript" && e["speaker"] == speaker && e["voice"] == true
	}
}

// A whole spoken turn through /ws: the candidate's audio reaches the
// model, its voice comes back as binary frames, both sides land in the
// transcript as spoken lines, and the usage is stored with its cost.
func TestVoiceTurnThroughTheSocket(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	for _, tc := range speechCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, fake := tc.make(t)
			r := voiceSetup(t, p, relay.Config{})
			r.start()
			if tc.echo && !strings.Contains(fake.Instructions(), "Two Sum") {
				t.Fatalf("the model was not briefed on the problem: %.200q", fake.Instructions())
			}
			go r.speak(500, 900)
			r.until("the candidate's speech", activity("candidate", "started"))
			cand := r.until("the candidate's spoken line", spokenLine("candidate"))
			if got := cand["entry"].(map[string]any)["content"]; got != "I would use a hash map" {
				t.Fatalf("candidate line %q", got)
			}
			iv := r.until("the interviewer's spoken line", spokenLine("interviewer"))
			if got := iv["entry"].(map[string]any)["content"].(string); tc.echo && !strings.Contains(got, "hash map") || got == "" {
				t.Fatalf("interviewer line %q", got)
			}
			if d := voice.Duration(r.audio, 24000); d < 500*time.Millisecond || pcm.RMS(r.audio) < 0.01 {
				t.Fatalf("interviewer audio: %v, rms %.3f", d, pcm.RMS(r.audio))
			}
			// Stored for the evaluator like typed lines, and metered.
			var body struct {
				Transcript []struct {
					Speaker  string
					Content  string
					Metadata map[string]any
				}
			}
			r.c.Do("GET", "/api/sessions/"+r.id+"/transcript", nil).JSON(t, &body)
			lines := body.Transcript
			spoken := 0
			for _, l := range lines {
				if l.Metadata["voice"] == true {
					spoken++
				}
			}
			if spoken < 2 {
				t.Fatalf("spoken lines stored: %+v", lines)
			}
			r.send(map[string]any{"type": "voice.stop"})
			if st := r.read("voice.state"); st["status"] != "off" || st["reason"] != "stopped" {
				t.Fatalf("after voice.stop: %v", st)
			}
			eventually(t, "the provider connection to close", func() bool { return open(fake) == 0 })
			u, err := r.app.DB.SessionVoiceUsage(t.Context(), r.id)
			if err != nil || len(u) != 1 || u[0].Provider != p.Name() || u[0].AudioOutMS <= 0 || u[0].ConnectedMS <= 0 {
				t.Fatalf("usage %+v %v", u, err)
			}
		})
	}
}

// Barge-in: the candidate talks over the answer; the page reports what it
// played; the answer is cut and stored as cut, and a new one follows.
func TestVoiceBargeIn(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	for _, tc := range speechCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, _ := tc.make(t)
			r := voiceSetup(t, p, relay.Config{})
			r.start()
			go r.speak(500, 900)
			r.until("the answer's first audio", activity("interviewer", "started"))
			go r.speak(500, 900)
			r.until("the barge-in", activity("candidate", "started"))
			r.send(map[string]any{"type": "response.cancel", "played_ms": 120})
			// The cut and its stored line may reach the socket in either order.
			interrupted, isLine := activity("interviewer", "interrupted"), spokenLine("interviewer")
			var cut map[string]any
			seenCut := false
			r.until("the cut and its line", func(m map[string]any) bool {
				seenCut = seenCut || interrupted(m)
				if cut == nil && isLine(m) {
					cut = m
				}
				return seenCut && cut != nil
			})
			if got := cut["entry"].(map[string]any)["content"].(string); !strings.HasSuffix(got, " —") {
				t.Fatalf("the cut answer is stored as %q", got)
			}
			next := r.until("the next answer", spokenLine("interviewer"))
			if got := next["entry"].(map[string]any)["content"].(string); tc.echo && !strings.Contains(got, "one more thing") || strings.HasSuffix(got, " —") {
				t.Fatalf("next answer %q", got)
			}
		})
	}
}

// A provider that drops mid-answer is reconnected with the conversation so
// far; one that stays down sends the room to text.
func TestVoiceReconnectsThenFallsBackToText(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	for _, tc := range speechCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, fake := tc.make(t)
			r := voiceSetup(t, p, relay.Config{Backoff: 50 * time.Millisecond, Retries: 2})
			r.start()
			go r.speak(500, 900)
			r.until("the candidate's line", spokenLine("candidate"))
			r.until("the answer's audio", activity("interviewer", "started"))
			if tc.echo {
				fake.DropAll()
				r.until("reconnecting", func(m map[string]any) bool { return m["type"] == "voice.state" && m["status"] == "reconnecting" })
				r.until("live again", func(m map[string]any) bool { return m["type"] == "voice.state" && m["status"] == "live" })
				eventually(t, "the reconnected model gets the conversation", func() bool {
					return strings.Count(strings.Join(fake.Context(), "\n"), "I would use a hash map") >= 1
				})
			}
			fake.Close()
			fake.DropAll()
			if !tc.echo {
				// Over HTTP the cascade finds its server gone on the next turn.
				go r.speak(500, 900)
			}
			st := r.until("text fallback", func(m map[string]any) bool { return m["type"] == "voice.state" && m["status"] == "off" })
			if st["reason"] != "provider_failed" || st["fallback"] != true || !strings.Contains(st["message"].(string), "chat") {
				t.Fatalf("fallback state %v", st)
			}
			// The chat still works.
			r.send(map[string]any{"type": "chat_message", "seq": 1, "text": "can you hear me?"})
			r.until("the chat ack", func(m map[string]any) bool { return m["type"] == "ack" })
		})
	}
}

// Audio is refused without voice, oversized, or from a tab that lost it;
// the session's end closes the model's connection; the allowance holds.
func TestVoiceLimits(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	p, fake := speechCases[0].make(t)
	r := voiceSetup(t, p, relay.Config{MonthlyLimit: 2 * time.Minute})
	if err := r.conn.Write(r.ctx, websocket.MessageBinary, pcm.Silence(24000, 20)); err != nil {
		t.Fatal(err)
	}
	if e := r.read("error"); e["code"] != "voice_not_started" {
		t.Fatalf("audio before voice.start: %v", e)
	}
	r.start()
	if err := r.conn.Write(r.ctx, websocket.MessageBinary, make([]byte, 20<<10)); err != nil {
		t.Fatal(err)
	}
	if e := r.read("error"); e["code"] != "audio_frame_too_large" {
		t.Fatalf("oversized frame: %v", e)
	}
	// Another tab takes voice over; the first is told, and its audio refused.
	other := &voiceRoom{wsClient: dial(t, r.app, r.c.Token(r.id)), app: r.app, c: r.c, id: r.id}
	other.start()
	if st := r.read("voice.state"); st["reason"] != "taken_over" {
		t.Fatalf("first tab after the takeover: %v", st)
	}
	r.conn.Write(r.ctx, websocket.MessageBinary, pcm.Silence(24000, 20))
	if e := r.read("error"); e["code"] != "voice_not_started" {
		t.Fatalf("audio from the tab that lost voice: %v", e)
	}
	if open(fake) != 1 {
		t.Fatalf("%d provider connections for one session", open(fake))
	}
	// Ending the interview closes the model's connection.
	r.c.Do("POST", "/api/sessions/"+r.id+"/end", nil)
	eventually(t, "the provider connection to close with the session", func() bool { return open(fake) == 0 })

	// A user past the monthly allowance gets the chat and a reason.
	id2 := r.c.Start("two-sum", "python")
	sess, err := r.app.DB.SessionByID(t.Context(), id2)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.app.DB.RecordVoiceUsage(t.Context(), voice.UsageRecord{SessionID: id2, UserID: sess.UserID, Provider: "openai", Model: "gpt-realtime",
		Connected: 3 * time.Minute, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	ws := &voiceRoom{wsClient: dial(t, r.app, r.c.Token(id2))}
	ws.send(map[string]any{"type": "voice.start"})
	if st := ws.read("voice.state"); st["status"] != "off" || st["reason"] != "voice_limit" || st["minutes_left"] != float64(0) {
		t.Fatalf("past the allowance: %v", st)
	}
}

// An idle voice connection is closed to save the allowance.
func TestVoiceIdleConnectionCloses(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	p, fake := speechCases[0].make(t)
	r := voiceSetup(t, p, relay.Config{IdleTimeout: time.Second})
	r.start()
	st := r.until("idle", func(m map[string]any) bool { return m["type"] == "voice.state" && m["status"] == "off" })
	if st["reason"] != "idle" {
		t.Fatalf("idle state %v", st)
	}
	eventually(t, "the provider connection to close", func() bool { return open(fake) == 0 })
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	if !testenv.Eventually(10*time.Second, ok) {
		t.Fatalf("%s: not within 10 s", what)
	}
}

// A start/stop loop cannot churn provider connections: a new one waits a
// second after the last.
func TestVoiceStartsAreSpaced(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	p, _ := speechCases[0].make(t)
	// The server's clock stands still unless the test moves it: a slow
	// connect on a loaded machine cannot use up the second.
	clock := testenv.NewClock(time.Now())
	r := voiceSetupWith(t, p, relay.Config{}, apptest.Options{Clock: clock})
	r.start()
	r.send(map[string]any{"type": "voice.stop"})
	r.until("off", func(m map[string]any) bool { return m["type"] == "voice.state" && m["status"] == "off" })
	r.send(map[string]any{"type": "voice.start"})
	if e := r.read("error", "voice.state"); e["type"] != "error" || e["code"] != "rate_limited" {
		t.Fatalf("a restart at once: %v", e)
	}
	clock.Advance(1100 * time.Millisecond)
	r.start()
}

// A provider that cannot be reached gives way to the next in the order.
func TestVoiceFallsBackToTheNextProvider(t *testing.T) {
	t.Parallel() // the tests wait on audio pacing, not the CPU
	dead, deadFake := speechCases[0].make(t)
	deadFake.Close()
	alive, _ := speechCases[1].make(t)
	cfg := relay.Config{Backoff: 20 * time.Millisecond, Retries: 1,
		Providers: map[string]voice.Provider{dead.Name(): dead, alive.Name(): alive}, Order: []string{dead.Name(), alive.Name()}}
	app, c, id := setup(t, apptest.Options{Voice: &cfg})
	r := &voiceRoom{wsClient: dial(t, app, c.Token(id)), app: app, c: c, id: id}
	r.send(map[string]any{"type": "voice.start"})
	st := r.until("live", func(m map[string]any) bool {
		return m["type"] == "voice.state" && (m["status"] == "live" || m["status"] == "off")
	})
	if st["status"] != "live" || st["provider"] != alive.Name() {
		t.Fatalf("after %s failed: %v", dead.Name(), st)
	}
}
