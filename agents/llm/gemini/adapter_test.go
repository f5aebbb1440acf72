package gemini

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

func TestConformance(t *testing.T) {
	llmtest.Run(t, newFake)
}

var schema = &llm.Schema{Name: "verdict", JSON: json.RawMessage(`{"type":"object","properties":{"score":{"type":"integer"}},"required":["score"],"additionalProperties":false}`)}

func baseRequest() llm.Request {
	return llm.Request{
		Model:    "gemini-2.5-flash",
		System:   "You are an interviewer. " + llm.DataRule,
		Data:     []llm.Data{{Name: "code", Content: "print(1)"}},
		Messages: []llm.Message{{Role: llm.RoleAssistant, Text: "Hello."}, {Role: llm.RoleUser, Text: "Hi."}},
	}
}

// TestWhatGoesOnTheWire checks the exact JSON fields, path, query and
// headers of Google's API, which the shared suite only sees decoded.
func TestWhatGoesOnTheWire(t *testing.T) {
	temp := 0.2
	cases := []struct {
		name   string
		edit   func(*llm.Request)
		stream bool
		check  func(t *testing.T, body map[string]any, a arrived)
	}{
		{"plain", nil, false, func(t *testing.T, body map[string]any, a arrived) {
			if a.Path != "/v1beta/models/gemini-2.5-flash:generateContent" || a.Query != "" {
				t.Fatalf("path %q query %q", a.Path, a.Query)
			}
			gc := body["generationConfig"].(map[string]any)
			if gc["maxOutputTokens"] != 1024.0 {
				t.Fatalf("MaxTokens 0 must send 1024, sent %v", gc["maxOutputTokens"])
			}
			for _, absent := range []string{"responseMimeType", "responseJsonSchema", "responseSchema", "temperature"} {
				if _, ok := gc[absent]; ok {
					t.Fatalf("%s sent on a plain request: %v", absent, gc)
				}
			}
			sys := body["systemInstruction"].(map[string]any)["parts"].([]any)[0].(map[string]any)["text"]
			if sys != baseRequest().System {
				t.Fatalf("systemInstruction %v", sys)
			}
			var roles []string
			for _, c := range body["contents"].([]any) {
				c := c.(map[string]any)
				roles = append(roles, c["role"].(string))
				text := c["parts"].([]any)[0].(map[string]any)["text"].(string)
				if strings.Contains(text, "You are an interviewer") {
					t.Fatalf("the system prompt leaked into the turns: %q", text)
				}
			}
			if strings.Join(roles, ",") != "user,model,user" {
				t.Fatalf("roles %v", roles)
			}
		}},
		{"structured", func(r *llm.Request) { r.Schema = schema; r.MaxTokens = 77; r.Temperature = &temp }, false, func(t *testing.T, body map[string]any, a arrived) {
			gc := body["generationConfig"].(map[string]any)
			if gc["responseMimeType"] != "application/json" || gc["maxOutputTokens"] != 77.0 || gc["temperature"] != 0.2 {
				t.Fatalf("generationConfig %v", gc)
			}
			if _, ok := gc["responseSchema"]; ok {
				t.Fatal("the OpenAPI responseSchema was sent; we send responseJsonSchema")
			}
			got, _ := json.Marshal(gc["responseJsonSchema"])
			var want any
			_ = json.Unmarshal(schema.JSON, &want)
			wantJSON, _ := json.Marshal(want)
			if string(got) != string(wantJSON) {
				t.Fatalf("responseJsonSchema %s, want %s", got, wantJSON)
			}
		}},
		{"streamed", nil, true, func(t *testing.T, body map[string]any, a arrived) {
			if a.Path != "/v1beta/models/gemini-2.5-flash:streamGenerateContent" || a.Query != "alt=sse" {
				t.Fatalf("path %q query %q", a.Path, a.Query)
			}
		}},
		{"no system", func(r *llm.Request) { r.System = "" }, false, func(t *testing.T, body map[string]any, a arrived) {
			if _, ok := body["systemInstruction"]; ok {
				t.Fatalf("an empty systemInstruction was sent: %v", body["systemInstruction"])
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := startFake(t, "")
			answer := "fine"
			req := baseRequest()
			if c.edit != nil {
				c.edit(&req)
			}
			if req.Schema != nil {
				answer = `{"score":1}`
			}
			f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: answer})
			var emit func(string)
			if c.stream {
				emit = func(string) {}
			}
			if _, err := f.prov.Complete(context.Background(), req, emit); err != nil {
				t.Fatal(err)
			}
			w := f.wire()
			if len(w) != 1 {
				t.Fatalf("%d requests", len(w))
			}
			if w[0].Header.Get("x-goog-api-key") != testKey || w[0].Header.Get("Authorization") != "" {
				t.Fatalf("key header %q, Authorization %q", w[0].Header.Get("x-goog-api-key"), w[0].Header.Get("Authorization"))
			}
			var body map[string]any
			if err := json.Unmarshal(w[0].Body, &body); err != nil {
				t.Fatal(err)
			}
			c.check(t, body, w[0])
		})
	}
}

func TestBaseURLWithPath(t *testing.T) {
	f := startFake(t, "/proxy/gemini")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: "through the proxy"})
	resp, err := f.prov.Complete(context.Background(), baseRequest(), nil)
	if err != nil || resp.Text != "through the proxy" {
		t.Fatalf("%v %v", resp, err)
	}
	if p := f.wire()[0].Path; p != "/proxy/gemini/v1beta/models/gemini-2.5-flash:generateContent" {
		t.Fatalf("path %q", p)
	}
}

func TestNewNeedsAKey(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "from-the-environment")
	t.Setenv("GOOGLE_API_KEY", "from-the-environment")
	_, err := New(context.Background(), Config{})
	if err == nil || !strings.Contains(err.Error(), "GEMINI_API_KEY") {
		t.Fatalf("an empty key gave %v; it must be refused, naming the variable, not taken from the environment", err)
	}
}

func TestBadBaseURL(t *testing.T) {
	for _, base := range []string{"generativelanguage.googleapis.com", "ftp://example.com/", "http://", "::"} {
		if _, err := New(context.Background(), Config{APIKey: testKey, BaseURL: base}); err == nil || !strings.Contains(err.Error(), "base URL") {
			t.Errorf("base URL %q gave %v", base, err)
		}
	}
}

func TestWrongKey(t *testing.T) {
	f := startFake(t, "")
	p, err := New(context.Background(), Config{APIKey: "wrong", BaseURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Complete(context.Background(), baseRequest(), nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindRequest || le.Status != 400 || !strings.Contains(le.Error(), "API key not valid") {
		t.Fatalf("a wrong key gave %#v", err)
	}
}

func googleBody(code int, status, message string, details ...map[string]any) string {
	e := map[string]any{"code": code, "message": message, "status": status}
	if details != nil {
		e["details"] = details
	}
	return mustJSON(map[string]any{"error": e})
}

func retryInfoDetail(d string) map[string]any {
	return map[string]any{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": d}
}

// TestErrors: Google's error bodies and hints, on both endpoints.
func TestErrors(t *testing.T) {
	// A date has whole seconds: rounded up, 3 to 4 s ahead when made.
	date := time.Now().Add(4 * time.Second).Truncate(time.Second).UTC().Format(http.TimeFormat)
	cases := []struct {
		name       string
		reply      rawReply
		kind       llm.ErrorKind
		status     int
		retryAfter time.Duration // exact unless slack is set
		slack      time.Duration
	}{
		{"429 RetryInfo only", rawReply{status: 429, body: googleBody(429, "RESOURCE_EXHAUSTED", "quota", retryInfoDetail("2s"))},
			llm.KindRateLimited, 429, 2 * time.Second, 0},
		{"429 fractional RetryInfo", rawReply{status: 429, body: googleBody(429, "RESOURCE_EXHAUSTED", "quota", retryInfoDetail("0.500s"))},
			llm.KindRateLimited, 429, 500 * time.Millisecond, 0},
		{"429 header wins", rawReply{status: 429, header: map[string]string{"Retry-After": "4"}, body: googleBody(429, "RESOURCE_EXHAUSTED", "quota", retryInfoDetail("9s"))},
			llm.KindRateLimited, 429, 4 * time.Second, 0},
		{"429 HTTP date", rawReply{status: 429, header: map[string]string{"Retry-After": date}, body: googleBody(429, "RESOURCE_EXHAUSTED", "quota")},
			llm.KindRateLimited, 429, 3500 * time.Millisecond, 1500 * time.Millisecond},
		{"429 retry-after-ms", rawReply{status: 429, header: map[string]string{"retry-after-ms": "1500", "Retry-After": "2"}, body: googleBody(429, "RESOURCE_EXHAUSTED", "quota")},
			llm.KindRateLimited, 429, 1500 * time.Millisecond, 0},
		{"429 no hint", rawReply{status: 429, body: googleBody(429, "RESOURCE_EXHAUSTED", "quota")},
			llm.KindRateLimited, 429, 0, 0},
		{"500 INTERNAL", rawReply{status: 500, body: googleBody(500, "INTERNAL", "An internal error has occurred.")}, llm.KindUnavailable, 500, 0, 0},
		{"503 UNAVAILABLE", rawReply{status: 503, body: googleBody(503, "UNAVAILABLE", "The model is overloaded.")}, llm.KindUnavailable, 503, 0, 0},
		{"504 DEADLINE_EXCEEDED", rawReply{status: 504, body: googleBody(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.")}, llm.KindUnavailable, 504, 0, 0},
		{"502 from a proxy, not JSON", rawReply{status: 502, header: map[string]string{"Content-Type": "text/html"}, body: "<html>Bad Gateway</html>"}, llm.KindUnavailable, 502, 0, 0},
		{"400 INVALID_ARGUMENT", rawReply{status: 400, body: googleBody(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")}, llm.KindRequest, 400, 0, 0},
		{"403 PERMISSION_DENIED", rawReply{status: 403, body: googleBody(403, "PERMISSION_DENIED", "Permission denied.")}, llm.KindRequest, 403, 0, 0},
		{"404 NOT_FOUND", rawReply{status: 404, body: googleBody(404, "NOT_FOUND", "models/nope is not found for API version v1beta.")}, llm.KindRequest, 404, 0, 0},
	}
	for _, c := range cases {
		for _, stream := range []bool{false, true} {
			name := c.name
			if stream {
				name += " streamed"
			}
			t.Run(name, func(t *testing.T) {
				f := startFake(t, "")
				f.queueRaw(c.reply)
				var emit func(string)
				if stream {
					emit = func(string) {}
				}
				_, err := f.prov.Complete(context.Background(), baseRequest(), emit)
				var le *llm.Error
				if !errors.As(err, &le) {
					t.Fatalf("got %v, want an *llm.Error", err)
				}
				if le.Kind != c.kind || le.Status != c.status || le.Provider != "gemini" {
					t.Fatalf("got kind %s status %d provider %s (%v)", le.Kind, le.Status, le.Provider, le)
				}
				if d := le.RetryAfter - c.retryAfter; d < -c.slack || d > c.slack {
					t.Fatalf("retry after %v, want %v", le.RetryAfter, c.retryAfter)
				}
				if n := len(f.wire()); n != 1 {
					t.Fatalf("the SDK retried: %d requests", n)
				}
			})
		}
	}
}

func chunk(text, finish string, extra map[string]any) string {
	r := response("gemini-2.5-flash-001", text, finish, 5, 7)
	for k, v := range extra {
		r[k] = v
	}
	return mustJSON(r)
}

// TestRefusals: Gemini declines by blocking the prompt or by stopping a
// candidate for safety; both are refusals, and MAX_TOKENS is not.
func TestRefusals(t *testing.T) {
	cases := []struct {
		name    string
		reply   rawReply
		stream  bool
		refused bool
	}{
		{"finish SAFETY", rawReply{status: 200, body: chunk("", "SAFETY", nil)}, false, true},
		{"finish PROHIBITED_CONTENT", rawReply{status: 200, body: chunk("", "PROHIBITED_CONTENT", nil)}, false, true},
		{"finish BLOCKLIST", rawReply{status: 200, body: chunk("", "BLOCKLIST", nil)}, false, true},
		{"finish RECITATION with partial text", rawReply{status: 200, body: chunk("def two_sum(nums", "RECITATION", nil)}, false, true},
		{"finish SPII", rawReply{status: 200, body: chunk("", "SPII", nil)}, false, true},
		{"prompt blocked OTHER", rawReply{status: 200, body: mustJSON(map[string]any{"promptFeedback": map[string]any{"blockReason": "OTHER"}})}, false, true},
		{"streamed: text then SAFETY", rawReply{status: 200, events: []string{chunk("Sure, here", "", nil), chunk("", "SAFETY", nil)}}, true, true},
		{"streamed: prompt blocked", rawReply{status: 200, events: []string{mustJSON(map[string]any{"promptFeedback": map[string]any{"blockReason": "PROHIBITED_CONTENT"}})}}, true, true},
		{"MAX_TOKENS is an answer", rawReply{status: 200, body: chunk("a long answer cut", "MAX_TOKENS", nil)}, false, false},
		{"streamed MAX_TOKENS is an answer", rawReply{status: 200, events: []string{chunk("a long ", "", nil), chunk("answer cut", "MAX_TOKENS", nil)}}, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := startFake(t, "")
			f.queueRaw(c.reply)
			var emit func(string)
			if c.stream {
				emit = func(string) {}
			}
			resp, err := f.prov.Complete(context.Background(), baseRequest(), emit)
			if c.refused {
				if llm.KindOf(err) != llm.KindRefused {
					t.Fatalf("got %v %v, want a refusal", resp, err)
				}
				return
			}
			if err != nil || resp.StopReason != "MAX_TOKENS" || !strings.HasPrefix(resp.Text, "a long") {
				t.Fatalf("got %+v %v", resp, err)
			}
		})
	}
}

// TestBrokenStreams: a stream that is not what Gemini sends fails as
// unavailable (retryable), never as a half answer.
func TestBrokenStreams(t *testing.T) {
	cases := []struct {
		name   string
		events []string
		kind   llm.ErrorKind
		status int
	}{
		{"malformed JSON", []string{chunk("Let us ", "", nil), `{"candidates": [{"content": `}, llm.KindUnavailable, 0},
		{"cut before the finish reason", []string{chunk("Let us ", "", nil), chunk("think about", "", nil)}, llm.KindUnavailable, 0},
		{"error event mid-stream", []string{chunk("Let us ", "", nil), googleBody(503, "UNAVAILABLE", "The model is overloaded.")}, llm.KindUnavailable, 503},
		{"quota error event", []string{googleBody(429, "RESOURCE_EXHAUSTED", "quota", retryInfoDetail("3s"))}, llm.KindRateLimited, 429},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := startFake(t, "")
			f.queueRaw(rawReply{status: 200, events: c.events})
			_, err := f.prov.Complete(context.Background(), baseRequest(), func(string) {})
			var le *llm.Error
			if !errors.As(err, &le) || le.Kind != c.kind || le.Status != c.status {
				t.Fatalf("got %#v, want %s %d", err, c.kind, c.status)
			}
			if n := len(f.wire()); n != 1 {
				t.Fatalf("%d requests: the SDK resumed the stream on its own", n)
			}
		})
	}
}

// TestThoughtsAndUsage: thinking parts are neither shown nor returned, and
// their tokens are billed as output, as Google bills them.
func TestThoughtsAndUsage(t *testing.T) {
	thought := map[string]any{"text": "The candidate seems stuck; ", "thought": true}
	answer := map[string]any{"text": "What happens when the array is empty?"}
	body := func(parts ...map[string]any) string {
		return mustJSON(map[string]any{
			"candidates":    []map[string]any{{"content": map[string]any{"role": "model", "parts": parts}, "finishReason": "STOP"}},
			"usageMetadata": map[string]any{"promptTokenCount": 30, "candidatesTokenCount": 8, "thoughtsTokenCount": 50, "totalTokenCount": 88},
			"modelVersion":  "gemini-2.5-pro-002",
		})
	}
	for _, stream := range []bool{false, true} {
		f := startFake(t, "")
		reply := rawReply{status: 200, body: body(thought, answer)}
		if stream {
			reply = rawReply{status: 200, events: []string{
				mustJSON(map[string]any{"candidates": []map[string]any{{"content": map[string]any{"role": "model", "parts": []any{thought}}}}}),
				body(answer),
			}}
		}
		f.queueRaw(reply)
		var deltas []string
		var emit func(string)
		if stream {
			emit = func(d string) { deltas = append(deltas, d) }
		}
		resp, err := f.prov.Complete(context.Background(), baseRequest(), emit)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Text != "What happens when the array is empty?" || strings.Contains(strings.Join(deltas, ""), "stuck") {
			t.Fatalf("stream %v: text %q deltas %q", stream, resp.Text, deltas)
		}
		if resp.Usage != (llm.Usage{InputTokens: 30, OutputTokens: 58}) || resp.Model != "gemini-2.5-pro-002" || resp.StopReason != "STOP" {
			t.Fatalf("stream %v: %+v", stream, resp)
		}
	}
}

// TestConnectionDropped: a transport failure is one attempt, classified
// unavailable.
func TestConnectionDropped(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}))
	defer srv.Close()
	p, err := New(context.Background(), Config{APIKey: testKey, BaseURL: srv.URL, HTTPClient: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Complete(context.Background(), baseRequest(), nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindUnavailable {
		t.Fatalf("got %#v", err)
	}
	if n := n.Load(); n != 1 {
		t.Fatalf("%d requests: the SDK retried", n)
	}
}

// TestDeadline: the adapter's own classification of a deadline, without
// llm.Client's help; a cancel returns the context's error.
func TestDeadline(t *testing.T) {
	for _, stream := range []bool{false, true} {
		f := startFake(t, "")
		f.Queue(llmtest.Answer{Kind: llmtest.AnswerHang}, llmtest.Answer{Kind: llmtest.AnswerHang})
		var emit func(string)
		if stream {
			emit = func(string) {}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		_, err := f.prov.Complete(ctx, baseRequest(), emit)
		cancel()
		var le *llm.Error
		if !errors.As(err, &le) || le.Kind != llm.KindTimeout || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("stream %v: a deadline gave %#v", stream, err)
		}
		ctx, cancel = context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err = f.prov.Complete(ctx, baseRequest(), emit)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stream %v: a cancel gave %#v", stream, err)
		}
	}
}

// TestStreamStalls: a stream that stops mid-answer ends at the deadline,
// as a timeout, with what was shown so far already emitted.
func TestStreamStalls(t *testing.T) {
	f := startFake(t, "")
	f.queueRaw(rawReply{status: 200, events: []string{chunk("Let us think ", "", nil)}, stall: true})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var deltas []string
	start := time.Now()
	_, err := f.prov.Complete(ctx, baseRequest(), func(d string) { deltas = append(deltas, d) })
	if llm.KindOf(err) != llm.KindTimeout || time.Since(start) > 3*time.Second {
		t.Fatalf("a stalled stream gave %v after %v", err, time.Since(start))
	}
	if strings.Join(deltas, "") != "Let us think " {
		t.Fatalf("deltas %q", deltas)
	}
}

// TestCallerTransportKept: a caller's HTTP client keeps its own transport
// under ours.
func TestCallerTransportKept(t *testing.T) {
	f := startFake(t, "")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerRateLimited, RetryAfter: 2 * time.Second})
	var dialed bool
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dialed = true
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	hc := &http.Client{Transport: tr}
	p, err := New(context.Background(), Config{APIKey: testKey, BaseURL: f.srv.URL, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Complete(context.Background(), baseRequest(), nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.RetryAfter != 2*time.Second || !dialed {
		t.Fatalf("got %#v, dialed %v", err, dialed)
	}
	if hc.Transport != tr {
		t.Fatal("the caller's client was changed")
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		header map[string]string
		want   time.Duration
	}{
		{nil, 0},
		{map[string]string{"Retry-After": "7"}, 7 * time.Second},
		{map[string]string{"Retry-After": "0"}, 0},
		{map[string]string{"Retry-After": "-3"}, 0},
		{map[string]string{"Retry-After": "soon"}, 0},
		{map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, 90 * time.Second},
		{map[string]string{"Retry-After": now.Add(-time.Minute).Format(http.TimeFormat)}, 0},
		{map[string]string{"retry-after-ms": "250"}, 250 * time.Millisecond},
		{map[string]string{"retry-after-ms": "x", "Retry-After": "1"}, time.Second},
	}
	for _, c := range cases {
		h := http.Header{}
		for k, v := range c.header {
			h.Set(k, v)
		}
		if got := llm.RetryAfter(h, now); got != c.want {
			t.Errorf("%v: %v, want %v", c.header, got, c.want)
		}
	}
}
