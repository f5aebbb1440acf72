package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/httpapi"
	"github.com/mockroom/mockroom/transport/realtime"
)

// A NUL character cannot be stored in PostgreSQL text; every mutating route
// refused it with a 500 (sign-in included). Now the body decoder refuses it
// with 400 invalid_text on both engines, and nothing is stored.
func TestNULInTextIsRefusedOnEveryMutatingRoute(t *testing.T) {
	onBothEngines(t, func(t *testing.T, app *apptest.App) {
		c := app.Client()
		c.Signup("nul@example.com")
		id := c.Start("two-sum", "python")
		s := "/api/sessions/" + id
		const nul = "a\u0000b"
		for _, rt := range []struct {
			method, path string
			body         any
		}{
			{"POST", "/api/auth/signup", map[string]string{"email": "nul2@example.com", "password": "correct horse", "full_name": nul}},
			{"POST", "/api/auth/signin", map[string]string{"email": "nul@example.com", "password": "correct " + nul}},
			{"PATCH", "/api/users/profile", map[string]any{"target_companies": []string{"Acme", nul}}},
			{"POST", "/api/sessions/start", map[string]any{"problem_id": app.ProblemID("two-sum"), "language": nul, "duration_minutes": 30}},
			{"PATCH", s, map[string]string{"language": nul}},
			{"POST", s + "/code", map[string]string{"code": nul}},
			{"POST", s + "/chat", map[string]string{"text": nul}},
			{"POST", s + "/execute", map[string]any{"code": "x", "stdin": map[string]string{"s": nul}}},
			{"POST", "/api/realtime/token", map[string]string{"session_id": nul}},
			{"POST", s + "/code", `{"co\u0000de": "x"}`}, // in a key, written raw
		} {
			r := c.Do(rt.method, rt.path, rt.body)
			if r.Status != 400 || r.ErrCode(t) != "invalid_text" || !strings.Contains(string(r.Body), "NUL") {
				t.Errorf("%s %s: %d %s", rt.method, rt.path, r.Status, r.Body)
			}
		}
		// In the URL too: a path segment or a query parameter.
		for _, path := range []string{"/api/problems/two%00sum", "/api/problems?search=a%00b", "/api/sessions/" + id + "%00/transcript"} {
			if r := c.Do("GET", path, nil); r.Status != 400 || r.ErrCode(t) != "invalid_text" {
				t.Errorf("GET %s: %d %s", path, r.Status, r.Body)
			}
		}
		// Nothing was stored, and text that only looks like an escape is fine.
		var v struct{ Code string }
		c.Do("GET", s, nil).JSON(t, &v)
		if strings.Contains(v.Code, "\x00") {
			t.Fatalf("NUL reached the live code: %q", v.Code)
		}
		if r := c.Do("POST", s+"/code", `{"code": "print('\\u0000')"}`); r.Status != 200 {
			t.Fatalf("a backslash followed by u0000 is ordinary text: %d %s", r.Status, r.Body)
		}
		if c.Do("GET", s, nil).JSON(t, &v); v.Code != `print('\u0000')` {
			t.Fatalf("code = %q", v.Code)
		}
	})
}

// A transcript at its cap refuses more chat with a clear 409, while code
// edits still save; the chat answer carries only the latest lines.
func TestChatStopsAtTheConversationCapButCodeStillSaves(t *testing.T) {
	app := apptest.New(t, apptest.Options{Problems: true, Interview: interview.Config{MaxTranscript: 5, ReplyWindow: 3}})
	c := app.Client()
	c.Signup("full@example.com")
	id := c.Start("two-sum", "python")
	s := "/api/sessions/" + id
	// The greeting is line 1; each message adds the candidate's line and the answer.
	for i, text := range []string{"first question?", "second question?"} {
		r := c.Do("POST", s+"/chat", map[string]string{"text": text})
		if r.Status != 200 {
			t.Fatalf("chat %d: %d %s", i, r.Status, r.Body)
		}
		var out struct{ Transcript []interview.Transcript }
		r.JSON(t, &out)
		if n := len(out.Transcript); n != 3 || out.Transcript[1].Content != text {
			t.Fatalf("chat %d answered %d lines (want the latest 3, the message among them): %+v", i, n, out.Transcript)
		}
	}
	r := c.Do("POST", s+"/chat", map[string]string{"text": "one more"})
	if r.Status != 409 || r.ErrCode(t) != "conversation_full" || !strings.Contains(string(r.Body), "conversation is full") {
		t.Fatalf("chat past the cap: %d %s", r.Status, r.Body)
	}
	if r := c.Do("POST", s+"/code", map[string]string{"code": "still coding"}); r.Status != 200 {
		t.Fatalf("code save past the chat cap: %d %s", r.Status, r.Body)
	}
	var all struct{ Transcript []interview.Transcript }
	c.Do("GET", s+"/transcript", nil).JSON(t, &all)
	if len(all.Transcript) != 5 {
		t.Fatalf("the transcript holds %d lines, want the cap of 5", len(all.Transcript))
	}
}

func TestAPIResponsesCarryNosniff(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	for _, path := range []string{"/healthz", "/api/problems", "/api/auth/session", "/api/no-such-route"} {
		if r := c.Do("GET", path, nil); r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s (%d) lacks X-Content-Type-Options: nosniff: %v", path, r.Status, r.Header)
		}
	}
}

func TestMetricsBehindATokenOrOnTheirOwnAddress(t *testing.T) {
	const token = "metrics-token-0123456789"
	withMetrics := func(c *httpapi.Config, d *httpapi.Deps) {
		reg := prometheus.NewRegistry()
		d.Metrics = httpapi.NewMetrics(reg, reg)
		c.MetricsToken = token
	}
	c := newEnv(t, withMetrics).client()
	for _, tc := range []struct {
		auth   string
		status int
	}{{"", 401}, {"Bearer wrong-token-0123456789", 401}, {token, 401}, {"Bearer " + token, 200}} {
		r := c.Do("GET", "/metrics", nil, "Authorization", tc.auth)
		if r.Status != tc.status {
			t.Errorf("Authorization %q: %d %s", tc.auth, r.Status, r.Body)
		}
		if tc.status == 200 && !strings.Contains(string(r.Body), "mockroom_http_requests_total") {
			t.Errorf("metrics body lacks the API series: %.200s", r.Body)
		}
		if tc.status == 401 && r.ErrCode(t) != "unauthenticated" {
			t.Errorf("refusal: %s", r.Body)
		}
	}
	// With METRICS_ADDR the API no longer serves them, token or not.
	c = newEnv(t, withMetrics, func(c *httpapi.Config, _ *httpapi.Deps) { c.MetricsElsewhere = true }).client()
	if r := c.Do("GET", "/metrics", nil, "Authorization", "Bearer "+token); r.Status != 404 {
		t.Fatalf("/metrics on the API with METRICS_ADDR set: %d", r.Status)
	}
}

// Signing out closes the user's open interview rooms (the hub's CloseUser),
// and only theirs.
func TestSignoutClosesTheUsersSockets(t *testing.T) {
	app := library(t)
	c := app.Client()
	c.Signup("leaving@example.com")
	id := c.Start("two-sum", "python")
	other := app.Client()
	other.Signup("staying@example.com")
	otherID := other.Start("two-sum", "python")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var mine []*websocket.Conn
	for i := 0; i < 2; i++ {
		ws, err := app.Dial(ctx, "", realtime.Subprotocol, c.Token(id))
		if err != nil {
			t.Fatal(err)
		}
		defer ws.CloseNow()
		mine = append(mine, ws)
	}
	theirs, err := app.Dial(ctx, "", realtime.Subprotocol, other.Token(otherID))
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.CloseNow()
	waitFor(t, func() bool { return app.Hub.Connections() == 3 })
	if r := c.Do("POST", "/api/auth/signout", nil); r.Status != http.StatusNoContent {
		t.Fatalf("signout: %d %s", r.Status, r.Body)
	}
	for i, ws := range mine {
		var err error
		for err == nil {
			_, _, err = ws.Read(ctx)
		}
		if websocket.CloseStatus(err) != realtime.CloseUnauthorized {
			t.Fatalf("socket %d after sign-out: %v", i, err)
		}
	}
	waitFor(t, func() bool { return app.Hub.Connections() == 1 })
	raw, _ := json.Marshal(map[string]any{"type": "session.ping", "seq": 1})
	if err := theirs.Write(ctx, websocket.MessageText, raw); err != nil {
		t.Fatal(err)
	}
	for {
		_, data, err := theirs.Read(ctx)
		if err != nil {
			t.Fatalf("another user's socket was closed by the sign-out: %v", err)
		}
		if strings.Contains(string(data), `"session.pong"`) {
			break
		}
	}
}

// waitFor polls cond until it holds, failing after 10 seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
