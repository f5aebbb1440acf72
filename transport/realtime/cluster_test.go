package realtime_test

import (
	"context"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/interview/redispresence"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/transport/realtime/redisrt"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/openairt"
	"github.com/mockroom/mockroom/voice/relay"
	"github.com/mockroom/mockroom/voice/voicetest/openaifake"
)

// cluster is two instances of the server on one database and one Redis,
// as behind a round-robin load balancer: A and B share nothing in memory.
// B also speaks (the OpenAI Realtime fake), to show that its voice relay
// hears notices raised on A.
func cluster(t *testing.T) (a, b *apptest.App) {
	rdb, prefix := testenv.Redis(t)
	instance := func(rdb *redis.Client, peer *apptest.App, o apptest.Options) *apptest.App {
		fan := redisrt.New(rdb, redisrt.Options{Prefix: prefix})
		t.Cleanup(func() { fan.Close() }) // after the hub has shut down
		o.Problems, o.Peer = true, peer
		o.Nonces = redisrt.NewNonces(rdb, prefix)
		o.Realtime.Fanout = fan
		o.Interview.Presence = redispresence.New(rdb, redispresence.Options{Prefix: prefix})
		return apptest.New(t, o)
	}
	a = instance(rdb, nil, apptest.Options{})
	other := redis.NewClient(&redis.Options{Addr: testenv.RedisAddr(), ContextTimeoutEnabled: true})
	t.Cleanup(func() { other.Close() })
	fake := openaifake.New(openaifake.Options{Script: []string{"hello"}})
	t.Cleanup(fake.Close)
	p := openairt.New(openairt.Config{APIKey: openaifake.DefaultKey, BaseURL: fake.URL()})
	b = instance(other, a, apptest.Options{Voice: &relay.Config{Grace: time.Hour, Providers: map[string]voice.Provider{p.Name(): p}, Order: []string{p.Name()}}})
	return a, b
}

// on is the same browser (its cookies) talking to another instance.
func on(app *apptest.App, c *apptest.Client) *apptest.Client {
	return &apptest.Client{App: app, HTTP: c.HTTP}
}

// dialed opens a socket and waits for its first frame: from then on the
// instance has joined the session's notices.
func dialed(t *testing.T, app *apptest.App, token string) *wsClient {
	ws := dial(t, app, token)
	ws.next(realtime.TypeTimer)
	return ws
}

func TestTwoInstancesActAsOne(t *testing.T) {
	a, b := cluster(t)
	user := func(email string) (onA, onB *apptest.Client, id string) {
		c := a.Client()
		c.Signup(email)
		return c, on(b, c), c.Start("two-sum", "python")
	}

	t.Run("ATokenIsUsedOnceAcrossInstances", func(t *testing.T) {
		c, _, id := user("token@example.com")
		tok := c.Token(id)
		dialed(t, a, tok)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		ws, err := b.Dial(ctx, "", realtime.Subprotocol, tok)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.CloseNow()
		if _, _, err := ws.Read(ctx); websocket.CloseStatus(err) != realtime.CloseUnauthorized {
			t.Fatalf("a token redeemed on A, replayed on B: %v", err)
		}
	})

	t.Run("AChatOnAReachesTheRoomOnB", func(t *testing.T) {
		c, _, id := user("chat@example.com")
		ws := dialed(t, b, c.Token(id))
		if r := c.Do("POST", "/api/sessions/"+id+"/chat", map[string]any{"text": "Can I assume the input fits in memory?"}); r.Status != 200 && r.Status != 201 {
			t.Fatalf("chat on A: %d %s", r.Status, r.Body)
		}
		line := ws.next(realtime.TypeTranscript)
		if e := line["entry"].(map[string]any); e["speaker"] != "candidate" || e["content"] != "Can I assume the input fits in memory?" {
			t.Fatalf("B's room got %v", line)
		}
		// The interviewer's reply, raised on A, streams to B and lands.
		ws.next(realtime.TypeInterviewer)
		for {
			m := ws.next(realtime.TypeTranscript)
			if m["entry"].(map[string]any)["speaker"] == "interviewer" {
				break
			}
		}
	})

	t.Run("EveryKindOfNoticeCrosses", func(t *testing.T) {
		c, _, id := user("notices@example.com")
		ws := dialed(t, b, c.Token(id))
		a.Hub.Notify(id, interview.Notice{Queued: &interview.QueuePlace{Mode: judge.ModeRun, Ahead: 3}})
		if m := ws.next(realtime.TypeQueued); m["ahead"].(float64) != 3 {
			t.Fatalf("queued: %v", m)
		}
		a.Hub.Notify(id, interview.Notice{Execution: &judge.Report{Mode: judge.ModeRun, Language: "python", Status: judge.Accepted, Passed: 2, Total: 2}})
		if m := ws.next(realtime.TypeExecution); m["report"].(map[string]any)["passed"].(float64) != 2 {
			t.Fatalf("execution: %v", m)
		}
		a.Hub.Notify(id, interview.Notice{Observation: &interview.Observation{Language: "python", Approach: interview.ApproachOptimized, Warnings: []string{"unused variable x"}}})
		if m := ws.next(realtime.TypeObservation); m["analysis"].(map[string]any)["approach"] != interview.ApproachOptimized {
			t.Fatalf("observation: %v", m)
		}
		a.Hub.Notify(id, interview.Notice{Delta: &interview.Delta{ReplyTo: "l1", Text: "Sure"}})
		if m := ws.next(realtime.TypeInterviewer); m["text"] != "Sure" {
			t.Fatalf("delta: %v", m)
		}
	})

	t.Run("SignOutOnAClosesTheSocketOnB", func(t *testing.T) {
		c, _, id := user("leaving@example.com")
		ws := dialed(t, b, c.Token(id))
		if r := c.Do("POST", "/api/auth/signout", nil); r.Status != 204 {
			t.Fatalf("signout on A: %d %s", r.Status, r.Body)
		}
		if code := ws.closeStatus(); code != realtime.CloseUnauthorized {
			t.Fatalf("B's socket after sign-out on A: %v", code)
		}
	})

	t.Run("SessionEndOnAClosesTheSocketOnBAndItsVoice", func(t *testing.T) {
		c, _, id := user("ending@example.com")
		ws := dialed(t, b, c.Token(id))
		ws.send(map[string]any{"type": realtime.TypeVoiceStart})
		for ws.next(realtime.TypeVoiceState)["status"] != "live" {
		}
		if r := c.Do("POST", "/api/sessions/"+id+"/end", nil); r.Status != 200 {
			t.Fatalf("end on A: %d %s", r.Status, r.Body)
		}
		// B's room closes, and B's relay heard the end: with an hour's grace
		// for a room to come back, nothing else stops the call.
		if m := ws.next(realtime.TypeSessionEnded); m["reason"] != "candidate_ended" {
			t.Fatalf("session_ended: %v", m)
		}
		if code := ws.closeStatus(); code != realtime.CloseSessionEnded {
			t.Fatalf("B's socket after the end on A: %v", code)
		}
		eventually(t, "B's relay to stop the call", func() bool { return b.Voice.Active() == 0 })
	})
}

// downNonces is a nonce set whose Redis is unreachable.
type downNonces struct{}

func (downNonces) Use(context.Context, string, time.Duration) (bool, error) {
	return false, mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "a shared service is unreachable; try again in a moment")
}

// With the nonces unreachable a socket is refused with 1013 (try again
// later), not 4001: the token is fine and was not used up.
func TestUnreachableNoncesAskToTryAgain(t *testing.T) {
	app, c, id := setup(t, apptest.Options{Nonces: downNonces{}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ws, err := app.Dial(ctx, "", realtime.Subprotocol, c.Token(id))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	if _, _, err := ws.Read(ctx); websocket.CloseStatus(err) != websocket.StatusTryAgainLater {
		t.Fatalf("with Redis down: %v", err)
	}
}
