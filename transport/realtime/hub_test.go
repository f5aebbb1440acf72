package realtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/transport/realtime"
)

// wsClient is a protocol-speaking test client.
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
	ctx  context.Context
}

func dial(t *testing.T, app *apptest.App, token string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	c, err := app.Dial(ctx, "", realtime.Subprotocol, token)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subprotocol() != realtime.Subprotocol {
		t.Fatalf("negotiated subprotocol %q", c.Subprotocol())
	}
	t.Cleanup(func() { c.CloseNow() })
	return &wsClient{t: t, conn: c, ctx: ctx}
}

func (w *wsClient) send(v any) {
	w.t.Helper()
	raw, _ := json.Marshal(v)
	if err := w.conn.Write(w.ctx, websocket.MessageText, raw); err != nil {
		w.t.Fatal(err)
	}
}

// next returns the next frame of one of types, skipping others (timers...).
func (w *wsClient) next(types ...string) map[string]any {
	w.t.Helper()
	for {
		_, data, err := w.conn.Read(w.ctx)
		if err != nil {
			w.t.Fatalf("reading (waiting for %v): %v", types, err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			w.t.Fatalf("server sent non-JSON %q", data)
		}
		for _, ty := range types {
			if m["type"] == ty {
				return m
			}
		}
	}
}

// closeStatus reads until the connection closes and returns its code.
func (w *wsClient) closeStatus() websocket.StatusCode {
	w.t.Helper()
	for {
		if _, _, err := w.conn.Read(w.ctx); err != nil {
			return websocket.CloseStatus(err)
		}
	}
}

func setup(t *testing.T, o apptest.Options) (*apptest.App, *apptest.Client, string) {
	o.Problems = true
	app := apptest.New(t, o)
	c := app.Client()
	c.Signup("rt@example.com")
	return app, c, c.Start("two-sum", "python")
}

func liveCode(t *testing.T, c *apptest.Client, id string) (string, int64) {
	t.Helper()
	var v struct {
		Code    string
		LastSeq int64 `json:"last_acked_seq"`
	}
	c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &v)
	return v.Code, v.LastSeq
}

func TestEditsAreAckedOnceDurableAndResumeIsIdempotent(t *testing.T) {
	app, c, id := setup(t, apptest.Options{})
	ws := dial(t, app, c.Token(id))
	ws.send(map[string]any{"type": "resume", "last_acked_seq": 0})
	st := ws.next("session_state")
	if st["last_acked_seq"].(float64) != 0 || !strings.Contains(st["code"].(string), "class Solution") {
		t.Fatalf("initial state = %v", st)
	}
	for seq := 1; seq <= 5; seq++ {
		ws.send(map[string]any{"type": "code_edit", "seq": seq, "language": "python", "code": "edit " + string(rune('0'+seq))})
		if ack := ws.next("ack", "error"); ack["type"] != "ack" || ack["seq"].(float64) != float64(seq) {
			t.Fatalf("edit %d answered %v", seq, ack)
		}
		// Acked means durable: the REST view already has it.
		if code, last := liveCode(t, c, id); code != "edit "+string(rune('0'+seq)) || last != int64(seq) {
			t.Fatalf("after ack %d the server has %q (seq %d)", seq, code, last)
		}
	}
	ws.conn.Close(websocket.StatusNormalClosure, "")

	// A reconnecting client that lost the acks of 4 and 5 re-sends them: they
	// are acknowledged again and change nothing; 6 applies.
	ws = dial(t, app, c.Token(id))
	ws.send(map[string]any{"type": "resume", "last_acked_seq": 3})
	if st := ws.next("session_state"); st["last_acked_seq"].(float64) != 5 || st["code"] != "edit 5" {
		t.Fatalf("resume state = %v", st)
	}
	ws.send(map[string]any{"type": "code_edit", "seq": 4, "language": "python", "code": "stale 4"})
	if ack := ws.next("ack", "error"); ack["type"] != "ack" {
		t.Fatalf("re-sent edit: %v", ack)
	}
	if code, _ := liveCode(t, c, id); code != "edit 5" {
		t.Fatalf("a re-sent old edit overwrote newer code: %q", code)
	}
	ws.send(map[string]any{"type": "code_edit", "seq": 6, "language": "python", "code": "edit 6"})
	ws.next("ack")
	if code, last := liveCode(t, c, id); code != "edit 6" || last != 6 {
		t.Fatalf("edit 6: %q %d", code, last)
	}
}

func TestTokensAreOneTimeAndOnlyInTheSubprotocol(t *testing.T) {
	app, c, id := setup(t, apptest.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	refused := func(name, query string, protocols ...string) {
		t.Helper()
		conn, err := app.Dial(ctx, query, protocols...)
		if err != nil {
			t.Fatalf("%s: dial: %v", name, err)
		}
		defer conn.CloseNow()
		_, _, err = conn.Read(ctx)
		if got := websocket.CloseStatus(err); got != realtime.CloseUnauthorized {
			t.Fatalf("%s: close status %d (%v), want 4001", name, got, err)
		}
	}
	tok := c.Token(id)
	ws := dial(t, app, tok) // first use works
	ws.send(map[string]any{"type": "session.ping", "seq": 0})
	ws.next("session.pong")

	refused("reused token", "", realtime.Subprotocol, tok)
	refused("token in the query string", "?token="+c.Token(id), realtime.Subprotocol)
	refused("query string even with a valid protocol token", "?token=x", realtime.Subprotocol, c.Token(id))
	refused("no token", "", realtime.Subprotocol)
	refused("forged token", "", realtime.Subprotocol, "mrt.eyJ1IjoieCJ9.bm9wZQ")
	forged := tok[:len(tok)-4] + "AAAA"
	refused("tampered signature", "", realtime.Subprotocol, forged)

	// Another user can neither get a token for this session nor use one.
	other := app.Client()
	other.Signup("mallory@example.com")
	if r := other.Do("POST", "/api/realtime/token", map[string]string{"session_id": id}); r.Status != 404 {
		t.Fatalf("foreign session token: %d %s", r.Status, r.Body)
	}
	// Cross-site pages cannot open the socket at all.
	if _, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(app.Server.URL, "http")+"/ws", &websocket.DialOptions{
		Subprotocols: []string{realtime.Subprotocol, c.Token(id)}, HTTPHeader: map[string][]string{"Origin": {"https://evil.example"}}}); err == nil {
		t.Fatal("a cross-origin WebSocket was accepted")
	}
}

func TestHostileFramesGetErrorsAndTheConnectionStays(t *testing.T) {
	app, c, id := setup(t, apptest.Options{})
	ws := dial(t, app, c.Token(id))
	cases := []struct {
		frame string
		code  string
	}{
		{`not json`, "invalid_payload"},
		{`{"no":"type"}`, "invalid_payload"},
		{`{"type":"rm -rf"}`, "invalid_event_type"},
		{`{"type":"response.create","seq":1}`, "invalid_event_type"},
		{`{"type":"code_edit","seq":"one","language":"python","code":"x"}`, "invalid_payload"},
		{`{"type":"code_edit","seq":-1,"language":"python","code":"x"}`, "invalid_payload"},
		{`{"type":"code_edit","seq":1,"language":"python","code":"x","evil":true}`, "invalid_payload"},
		{`{"type":"code_edit","seq":1,"language":"cobol","code":"x"}`, "language_mismatch"},
		{`{"type":"chat_message","seq":2}`, "invalid_field"},
		{`{"type":"input_audio_buffer.append","seq":3,"audio":"AAAA"}`, "invalid_event_type"}, // audio travels as binary frames
		{`{"type":"voice.start","seq":3}`, "voice_unavailable"},                               // no speech model configured here
		{`{"type":"response.cancel","played_ms":-5}`, "invalid_payload"},
		{`[1,2,3]`, "invalid_payload"},
	}
	for _, tc := range cases {
		if err := ws.conn.Write(ws.ctx, websocket.MessageText, []byte(tc.frame)); err != nil {
			t.Fatal(err)
		}
		e := ws.next("error", "ack")
		if e["type"] != "error" || e["code"] != tc.code {
			t.Fatalf("%s: got %v, want error %s", tc.frame, e, tc.code)
		}
	}
	ws.send(map[string]any{"type": "code_edit", "seq": 10, "language": "python", "code": "still here"})
	if ack := ws.next("ack"); ack["seq"].(float64) != 10 {
		t.Fatalf("after the hostile frames: %v", ack)
	}
	// Over 64 KiB closes with 1009; the code saved before is intact.
	big := `{"type":"code_edit","seq":11,"language":"python","code":"` + strings.Repeat("x", realtime.MaxMessageBytes) + `"}`
	ws.conn.Write(ws.ctx, websocket.MessageText, []byte(big))
	if st := ws.closeStatus(); st != websocket.StatusMessageTooBig {
		t.Fatalf("oversized frame closed with %d, want 1009", st)
	}
	if code, _ := liveCode(t, c, id); code != "still here" {
		t.Fatalf("code after the oversized frame: %q", code)
	}
}

func TestFloodIsThrottledAndTheServerStaysUp(t *testing.T) {
	app, c, id := setup(t, apptest.Options{Realtime: realtime.Config{MessagesPerSec: 5, Burst: 5}})
	ws := dial(t, app, c.Token(id))
	for i := 0; i < 50; i++ {
		ws.send(map[string]any{"type": "session.ping", "seq": i})
	}
	limited := 0
	for i := 0; i < 50; i++ {
		m := ws.next("session.pong", "error")
		if m["type"] == "error" && m["code"] == "rate_limited" {
			limited++
		}
	}
	if limited < 40 {
		t.Fatalf("only %d of 50 flood frames were throttled", limited)
	}
	if r := c.Do("GET", "/healthz", nil); r.Status != 200 {
		t.Fatal("server unhealthy after a flood")
	}
}

func TestConversationHintsAndExecutionResultsArePushed(t *testing.T) {
	app, c, id := setup(t, apptest.Options{})
	ws := dial(t, app, c.Token(id))
	ws.send(map[string]any{"type": "chat_message", "seq": 1, "text": "I'd use a hash map. What about complexity?"})
	var mine, reply map[string]any
	for mine == nil || reply == nil {
		m := ws.next("transcript")
		e := m["entry"].(map[string]any)
		if e["speaker"] == "candidate" {
			mine = e
		} else if e["speaker"] == "interviewer" {
			reply = e
		}
	}
	if !strings.Contains(mine["content"].(string), "hash map") || reply["content"] == "" {
		t.Fatalf("chat: %v / %v", mine, reply)
	}
	ws.send(map[string]any{"type": "hint_request", "seq": 2})
	h := ws.next("transcript")["entry"].(map[string]any)
	if !strings.HasPrefix(h["content"].(string), "Hint 1 of ") {
		t.Fatalf("hint line: %v", h)
	}
	ws.next("ack")
	// A run through REST reaches the room.
	code := "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n"
	r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": code, "language": "python", "mode": "run"})
	if r.Status != 200 {
		t.Fatalf("run: %d %s", r.Status, r.Body)
	}
	ex := ws.next("execution_result")
	if ex["mode"] != "run" || ex["report"].(map[string]any)["status"] != "accepted" {
		t.Fatalf("execution_result = %v", ex)
	}
}

func TestTimerAndExpiryEndTheSession(t *testing.T) {
	clock := testenv.NewClock(time.Now())
	app, c, id := setup(t, apptest.Options{Clock: clock, Realtime: realtime.Config{TimerEvery: 50 * time.Millisecond}})
	ws := dial(t, app, c.Token(id))
	t1 := ws.next("timer")
	if rem := t1["remaining_ms"].(float64); rem <= 29*60*1000 || rem > 30*60*1000 {
		t.Fatalf("remaining %v, want about 30 minutes", rem)
	}
	clock.Advance(10 * time.Minute)
	// A tick computed before the advance may still be on its way.
	for deadline := time.Now().Add(5 * time.Second); ; {
		t2 := ws.next("timer")
		if t2["remaining_ms"].(float64) <= 20*60*1000+100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("timer did not follow the server clock: %v", t2)
		}
	}
	clock.Advance(21 * time.Minute)
	end := ws.next("session_ended")
	if end["reason"] != "time_up" || end["status"] != "completed" {
		t.Fatalf("session_ended = %v", end)
	}
	if st := ws.closeStatus(); st != realtime.CloseSessionEnded {
		t.Fatalf("closed with %d, want 4002", st)
	}
	var v struct{ Session struct{ Status string } }
	c.Do("GET", "/api/sessions/"+id, nil).JSON(t, &v)
	if v.Session.Status != "completed" {
		t.Fatalf("status after expiry: %s", v.Session.Status)
	}
	if r := c.Do("POST", "/api/realtime/token", map[string]string{"session_id": id}); r.Status != 409 {
		t.Fatalf("token for an ended session: %d", r.Status)
	}
}

func TestDeadPeersAreDropped(t *testing.T) {
	app, c, id := setup(t, apptest.Options{Realtime: realtime.Config{PingEvery: 100 * time.Millisecond, PingTimeout: 200 * time.Millisecond}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := app.Dial(ctx, "", realtime.Subprotocol, c.Token(id))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	// This client never reads, so it never answers pings.
	if !testenv.Eventually(5*time.Second, func() bool { return app.Hub.Connections() == 0 }) {
		t.Fatal("a peer that stopped answering pings was not dropped")
	}
	_ = errors.New
}
