package realtime_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/httpapi"
	"github.com/mockroom/mockroom/transport/realtime"
)

// retarget rewrites a token's claims (keeping the old signature), as an
// attacker holding their own token would try to reach someone else's session.
func retarget(t *testing.T, token, sessionID string) string {
	body := strings.TrimPrefix(token, "mrt.")
	payload, sig, _ := strings.Cut(body, ".")
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	json.Unmarshal(raw, &c)
	c["s"] = sessionID
	raw, _ = json.Marshal(c)
	return "mrt." + base64.RawURLEncoding.EncodeToString(raw) + "." + sig
}

func TestSocketsRefuseReplayedForgedAndForeignTokens(t *testing.T) {
	app, owner, ownerSession := setup(t, apptest.Options{})
	other := app.Client()
	other.Signup("other-rt@example.com")
	otherSession := other.Start("two-sum", "python")

	tok := other.Token(otherSession)
	first := dial(t, app, tok)
	first.send(map[string]any{"type": "resume", "last_acked_seq": 0})
	first.next("session_state")
	for name, token := range map[string]string{
		"replayed":      tok,
		"retargeted":    retarget(t, other.Token(otherSession), ownerSession),
		"unsigned":      "mrt.e30.",
		"garbage":       "mrt." + strings.Repeat("A", 2000),
		"owner's token": "", // filled below: used after its first use
	} {
		if name == "owner's token" {
			token = owner.Token(ownerSession)
			used := dial(t, app, token)
			used.next("timer") // the server has redeemed it
			used.conn.CloseNow()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c, err := app.Dial(ctx, "", realtime.Subprotocol, token)
		if err != nil {
			cancel()
			continue // refused at the handshake is fine too
		}
		_, _, err = c.Read(ctx)
		cancel()
		if websocket.CloseStatus(err) != realtime.CloseUnauthorized {
			t.Errorf("%s token: %v", name, err)
		}
	}
	if r := other.Do("POST", "/api/realtime/token", map[string]string{"session_id": ownerSession}); r.Status != 404 {
		t.Fatalf("token for someone else's session: %d %s", r.Status, r.Body)
	}
}

func TestHostileFramesAreContained(t *testing.T) {
	app, c, id := setup(t, apptest.Options{})
	ws := dial(t, app, c.Token(id))
	// A binary frame is microphone audio: without voice it gets an error
	// frame, and invalid UTF-8 JSON too; the socket stays.
	if err := ws.conn.Write(ws.ctx, websocket.MessageBinary, []byte(`{"type":"session.ping","seq":1}`)); err != nil {
		t.Fatal(err)
	}
	if m := ws.next("error"); m["code"] != "voice_unavailable" {
		t.Fatalf("binary frame: %v", m)
	}
	bad := []byte("{\"type\":\"code_edit\",\"seq\":1,\"language\":\"python\",\"code\":\"\xff\xfe\"}")
	if err := ws.conn.Write(ws.ctx, websocket.MessageText, bad); err != nil {
		t.Fatal(err)
	}
	if m := ws.next("error", "ack"); m["type"] != "error" {
		t.Fatalf("invalid UTF-8 code was acknowledged: %v", m)
	}
	ws.send(map[string]any{"type": "session.ping", "seq": 2})
	ws.next("session.pong")
	if code, _ := liveCode(t, c, id); strings.ContainsRune(code, '\uFFFD') || strings.Contains(code, "\xff") {
		t.Fatalf("invalid UTF-8 reached the store: %q", code)
	}
	// An oversized frame closes with 1009 and nothing of it is saved.
	big, _ := json.Marshal(map[string]any{"type": "code_edit", "seq": 3, "language": "python", "code": strings.Repeat("x", 70<<10)})
	ws.conn.Write(ws.ctx, websocket.MessageText, big)
	if st := ws.closeStatus(); st != websocket.StatusMessageTooBig {
		t.Fatalf("oversized frame closed with %v", st)
	}
	if code, seq := liveCode(t, c, id); len(code) > 60<<10 || seq != 0 {
		t.Fatalf("oversized frame saved: %d bytes, seq %d", len(code), seq)
	}
}

func TestTenThousandFramesFromANonReadingClient(t *testing.T) {
	app, c, id := setup(t, apptest.Options{})
	before := runtime.NumGoroutine()
	ws := dial(t, app, c.Token(id))
	// The client writes and never reads: throttling answers pile up on the
	// server, which must drop the socket rather than grow or block.
	frame := []byte(`{"type":"session.ping","seq":1}`)
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = ws.conn.Write(ws.ctx, websocket.MessageText, frame)
	}
	if !testenv.Eventually(15*time.Second, func() bool { return app.Hub.Connections() == 0 }) {
		t.Fatalf("%d sockets still open after a flood", app.Hub.Connections())
	}
	// The dropped socket's goroutines wind down just after it closes.
	if !testenv.Eventually(5*time.Second, func() bool { return runtime.NumGoroutine() <= before+50 }) {
		t.Fatalf("goroutines grew from %d to %d", before, runtime.NumGoroutine())
	}
	// Other users and the owner's session are fine.
	other := app.Client()
	other.Signup("bystander@example.com")
	ows := dial(t, app, other.Token(other.Start("two-sum", "python")))
	ows.send(map[string]any{"type": "session.ping", "seq": 1})
	ows.next("session.pong")
	if r := c.Do("GET", "/api/sessions/"+id, nil); r.Status != 200 {
		t.Fatalf("session after flood: %d", r.Status)
	}
}

func TestExecutionLimitsHoldUnderConcurrency(t *testing.T) {
	_, c, id := setup(t, apptest.Options{Interview: interview.Config{ExecsPerHour: 5}})
	code := "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"
	var wg sync.WaitGroup
	var mu sync.Mutex
	got := map[int]int{}
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]string{"code": code})
			mu.Lock()
			got[r.Status]++
			mu.Unlock()
			if r.Status == 429 && (r.Header.Get("Retry-After") == "" || r.ErrCode(t) != "rate_limited") {
				t.Errorf("429 without Retry-After or code: %v %s", r.Header, r.Body)
			}
		}()
	}
	wg.Wait()
	if got[200] != 3 || got[429] != 5 {
		t.Fatalf("8 concurrent runs in one session: %v (3 a minute allowed)", got)
	}
	// The per-user hourly budget spans sessions.
	id2 := c.Start("two-sum", "python")
	for i := 0; i < 3; i++ {
		r := c.Do("POST", "/api/sessions/"+id2+"/execute", map[string]string{"code": code})
		if want := map[bool]int{true: 200, false: 429}[i < 2]; r.Status != want {
			t.Fatalf("run %d in a second session: %d %s", i, r.Status, r.Body)
		}
	}
}

func TestAPIRequestsPerMinutePerUser(t *testing.T) {
	app := apptest.New(t, apptest.Options{Config: httpapiConfig100()})
	c := app.Client()
	c.Signup("api-limit@example.com") // one request
	limited := 0
	for i := 0; i < 101; i++ {
		if r := c.Do("GET", "/api/users/credits", nil); r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited < 1 || limited > 2 {
		t.Fatalf("%d of 101 requests after signup were limited (100 a minute allowed)", limited)
	}
}

func httpapiConfig100() httpapi.Config { return httpapi.Config{APIRequestsPerMinute: 100} }
