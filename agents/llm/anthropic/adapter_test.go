package anthropic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

func TestConformance(t *testing.T) {
	llmtest.Run(t, newFake)
}

// errReply answers with the documented error body and status.
func errReply(status int, typ string, h http.Header) reply {
	return reply{raw: func(w http.ResponseWriter, _ string, _ bool) { apiError(w, status, typ, "scripted "+typ, h) }}
}

// rawReply answers with a body as it is.
func rawReply(status int, contentType, body string) reply {
	return reply{raw: func(w http.ResponseWriter, _ string, _ bool) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}}
}

type ev struct {
	name string
	data any // JSON-encoded, or a string written as it is
}

// streamReply answers with these SSE events and then ends the body.
func streamReply(events ...ev) reply {
	return reply{raw: func(w http.ResponseWriter, _ string, _ bool) {
		sseHeader(w)
		for _, e := range events {
			event(w, e.name, e.data)
		}
	}}
}

func basicRequest() llm.Request {
	return llm.Request{
		Agent: llm.AgentInterviewer, Model: "claude-sonnet-4-6",
		System:   "You are an interviewer. " + llm.DataRule,
		Data:     []llm.Data{{Name: "code", Content: "print(1)"}},
		Messages: []llm.Message{{Role: llm.RoleUser, Text: "Can the array be empty?"}},
	}
}

func TestWhatGoesOnTheWire(t *testing.T) {
	f := newFakeAt(t, "/proxy/anthropic") // a base URL with a path, as behind a gateway
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: "It can; say what you return then.", InputTokens: 30, OutputTokens: 8})
	req := basicRequest()
	temp := 0.2
	req.Temperature = &temp
	resp, err := f.Provider().Complete(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Model != "claude-sonnet-4-6" || resp.StopReason != "end_turn" || resp.Usage != (llm.Usage{InputTokens: 30, OutputTokens: 8}) {
		t.Fatalf("response %+v", resp)
	}
	h := f.lastHeader()
	// SDK v2 (API version 2026-10-21) sends the API key as a bearer token.
	if h.Get("Authorization") != "Bearer "+testKey || h.Get("x-api-key") != "" {
		t.Fatalf("auth headers: x-api-key %q, Authorization %q", h.Get("x-api-key"), h.Get("Authorization"))
	}
	if !versionRe.MatchString(h.Get("anthropic-version")) {
		t.Fatalf("anthropic-version %q", h.Get("anthropic-version"))
	}
	body := f.lastBody()
	if body["max_tokens"] != json.Number("1024") {
		t.Fatalf("max_tokens %v, want the default 1024", body["max_tokens"])
	}
	sys, _ := json.Marshal(body["system"])
	if want := `[{"text":` + mustJSON(req.System) + `,"type":"text"}]`; string(sys) != want {
		t.Fatalf("system %s, want %s", sys, want)
	}
	for _, k := range []string{"temperature", "stream", "tools", "tool_choice", "output_config"} {
		if v, ok := body[k]; ok {
			t.Errorf("%s sent: %v", k, v)
		}
	}
	turns := f.Requests()[0].Turns
	if len(turns) != 1 || !strings.Contains(turns[0].Text, `<candidate_data name="code">`) || !strings.Contains(turns[0].Text, "Can the array be empty?") {
		t.Fatalf("turns %+v", turns)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestStructuredOutputOnTheWire(t *testing.T) {
	schema := &llm.Schema{Name: "evaluation", Description: "the evaluation", JSON: json.RawMessage(`{"type":"object",
		"properties":{"score":{"type":"integer","minimum":0,"maximum":100},
		"dimensions":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string","maxLength":40}},"required":["name"]}}},
		"required":["score","dimensions"],"additionalProperties":false}`)}
	answer := `{"score": 64, "dimensions": [{"name": "communication"}]}`
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			f := newFakeAt(t, "")
			f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: answer, InputTokens: 100, OutputTokens: 20})
			req := basicRequest()
			req.Schema = schema
			var emit func(string)
			var streamed strings.Builder
			if stream {
				emit = func(d string) { streamed.WriteString(d) }
			}
			// The fake refuses what the API refuses (minimum, maxLength, an open
			// object), so a success means the schema was made acceptable.
			c := llm.NewClient(f.Provider(), nil, nil, llm.ClientConfig{Attempts: 1})
			resp, err := c.Complete(context.Background(), req, emit)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Text != answer || (stream && streamed.String() != answer) {
				t.Fatalf("text %q, streamed %q", resp.Text, streamed.String())
			}
			body := f.lastBody()
			if _, ok := body["tools"]; ok {
				t.Fatal("structured output went through a tool, not output_config.format")
			}
			format := body["output_config"].(map[string]any)["format"].(map[string]any)
			if format["type"] != "json_schema" {
				t.Fatalf("format %v", format)
			}
			sent := mustJSON(format["schema"])
			for _, want := range []string{`"score"`, `"dimensions"`, `"additionalProperties":false`, `minimum: 0`, `"description":"the evaluation"`} {
				if !strings.Contains(sent, want) {
					t.Errorf("schema sent %s lacks %s", sent, want)
				}
			}
			item := format["schema"].(map[string]any)["properties"].(map[string]any)["dimensions"].(map[string]any)["items"].(map[string]any)
			if item["additionalProperties"] != false {
				t.Errorf("nested object sent open: %v", item)
			}
		})
	}
}

func TestAFinalAssistantTurnIsNotAPrefill(t *testing.T) {
	f := newFakeAt(t, "")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: "Take your time."})
	req := basicRequest()
	req.Messages = append(req.Messages, llm.Message{Role: llm.RoleAssistant, Text: "Good question: yes, it can."})
	if _, err := f.Provider().Complete(context.Background(), req, nil); err != nil {
		t.Fatal(err)
	}
	turns := f.Requests()[0].Turns
	n := len(turns)
	if n < 3 || turns[n-2].Role != llm.RoleAssistant || turns[n-1].Role != llm.RoleUser {
		t.Fatalf("turns %+v: the model must be asked for its own next turn", turns)
	}
}

func TestLongAnswersStream(t *testing.T) {
	cases := []struct {
		maxTokens int
		stream    bool
	}{
		{maxTokens: 4096, stream: false},
		{maxTokens: 64000, stream: true}, // the SDK refuses it without streaming
	}
	for _, c := range cases {
		f := newFakeAt(t, "")
		f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: "A long report.", InputTokens: 5, OutputTokens: 4})
		req := basicRequest()
		req.MaxTokens = c.maxTokens
		resp, err := f.Provider().Complete(context.Background(), req, nil)
		if err != nil {
			t.Fatalf("max tokens %d: %v", c.maxTokens, err)
		}
		seen := f.Requests()[0]
		if resp.Text != "A long report." || seen.Stream != c.stream || seen.MaxTokens != c.maxTokens || resp.Usage.OutputTokens != 4 {
			t.Fatalf("max tokens %d: %+v, sent %+v", c.maxTokens, resp, seen)
		}
	}
}

func TestErrors(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	header := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	cases := []struct {
		name       string
		reply      reply
		kind       llm.ErrorKind
		status     int
		retryAfter time.Duration
	}{
		{"429 retry-after seconds", errReply(429, "rate_limit_error", header("retry-after", "7")), llm.KindRateLimited, 429, 7 * time.Second},
		{"429 retry-after-ms first", errReply(429, "rate_limit_error", header("retry-after-ms", "1500", "retry-after", "2")), llm.KindRateLimited, 429, 1500 * time.Millisecond},
		{"429 retry-after date", errReply(429, "rate_limit_error", header("retry-after", now.Add(30*time.Second).Format(http.TimeFormat))), llm.KindRateLimited, 429, 30 * time.Second},
		{"429 without a hint", errReply(429, "rate_limit_error", nil), llm.KindRateLimited, 429, 0},
		{"529 overloaded", errReply(529, "overloaded_error", nil), llm.KindUnavailable, 529, 0},
		{"500 api_error", errReply(500, "api_error", nil), llm.KindUnavailable, 500, 0},
		{"504 timeout_error", errReply(504, "timeout_error", nil), llm.KindUnavailable, 504, 0},
		{"502 from a proxy, in HTML", rawReply(502, "text/html", "<html><body>Bad Gateway</body></html>"), llm.KindUnavailable, 502, 0},
		{"400 invalid request", errReply(400, "invalid_request_error", nil), llm.KindRequest, 400, 0},
		{"403 permission", errReply(403, "permission_error", nil), llm.KindRequest, 403, 0},
		{"404 unknown model", errReply(404, "not_found_error", nil), llm.KindRequest, 404, 0},
		{"413 too large", errReply(413, "request_too_large", nil), llm.KindRequest, 413, 0},
	}
	for _, c := range cases {
		for _, stream := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/stream=%v", c.name, stream), func(t *testing.T) {
				f := newFakeAt(t, "")
				f.p.now = func() time.Time { return now }
				f.script(c.reply)
				var emit func(string)
				if stream {
					emit = func(string) {}
				}
				_, err := f.Provider().Complete(context.Background(), basicRequest(), emit)
				var le *llm.Error
				if !errors.As(err, &le) || le.Kind != c.kind || le.Status != c.status || le.RetryAfter != c.retryAfter || le.Provider != "anthropic" {
					t.Fatalf("got %#v, want kind %s, status %d, retry after %v", err, c.kind, c.status, c.retryAfter)
				}
			})
		}
	}
}

func TestWrongKey(t *testing.T) {
	f := newFakeAt(t, "")
	p := New(Config{APIKey: "sk-ant-wrong", BaseURL: f.srv.URL, HTTPClient: f.srv.Client()})
	_, err := p.Complete(context.Background(), basicRequest(), nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindRequest || le.Status != 401 || le.Retryable() {
		t.Fatalf("a wrong key gave %#v", err)
	}
}

func TestGarbageBody(t *testing.T) {
	f := newFakeAt(t, "")
	f.script(rawReply(200, "application/json", `{"id": "msg_1", "content": [{"type": "text", "text": "cut he`))
	_, err := f.Provider().Complete(context.Background(), basicRequest(), nil)
	if llm.KindOf(err) != llm.KindUnavailable {
		t.Fatalf("a cut JSON body gave %v", err)
	}
}

func TestUsageCountsCachedInput(t *testing.T) {
	f := newFakeAt(t, "")
	f.script(rawReply(200, "application/json", `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",
		"content":[{"type":"text","text":"O(n log n)."}],"stop_reason":"end_turn","stop_sequence":null,
		"usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":300,"output_tokens":6}}`))
	resp, err := f.Provider().Complete(context.Background(), basicRequest(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Usage != (llm.Usage{InputTokens: 412, OutputTokens: 6}) || resp.Model != "claude-haiku-4-5" {
		t.Fatalf("%+v", resp)
	}
}

func TestStreamEvents(t *testing.T) {
	start := ev{"message_start", startEvent("claude-sonnet-4-6", 25)}
	textStart := func(i int) ev {
		return ev{"content_block_start", map[string]any{"type": "content_block_start", "index": i, "content_block": map[string]any{"type": "text", "text": ""}}}
	}
	delta := func(i int, s string) ev {
		return ev{"content_block_delta", map[string]any{"type": "content_block_delta", "index": i, "delta": map[string]any{"type": "text_delta", "text": s}}}
	}
	stop := func(i int) ev {
		return ev{"content_block_stop", map[string]any{"type": "content_block_stop", "index": i}}
	}
	msgDelta := func(reason string, out int) ev {
		return ev{"message_delta", map[string]any{"type": "message_delta", "delta": map[string]any{"stop_reason": reason, "stop_sequence": nil}, "usage": map[string]any{"output_tokens": out}}}
	}
	msgStop := ev{"message_stop", map[string]any{"type": "message_stop"}}
	ping := ev{"ping", map[string]any{"type": "ping"}}
	errEvent := func(typ string) ev {
		return ev{"error", map[string]any{"type": "error", "error": map[string]any{"type": typ, "message": "scripted"}}}
	}
	cases := []struct {
		name   string
		events []ev
		deltas []string
		text   string
		usage  llm.Usage
		kind   llm.ErrorKind // "" for success
	}{
		{name: "pings and a thinking block before the text",
			events: []ev{start, ping,
				{"content_block_start", map[string]any{"type": "content_block_start", "index": 0, "content_block": map[string]any{"type": "thinking", "thinking": "", "signature": ""}}},
				{"content_block_delta", map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "thinking_delta", "thinking": "The candidate asks about..."}}},
				{"content_block_delta", map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "signature_delta", "signature": "EqQBCgIYAh"}}},
				stop(0), textStart(1), delta(1, "Yes, "), ping, delta(1, "it can."), stop(1), msgDelta("end_turn", 7), msgStop},
			deltas: []string{"Yes, ", "it can."}, text: "Yes, it can.", usage: llm.Usage{InputTokens: 25, OutputTokens: 7}},
		{name: "an event type this SDK does not know is skipped",
			events: []ev{start, textStart(0), {"future_event", map[string]any{"type": "future_event", "detail": 1}}, delta(0, "Fine."), stop(0), msgDelta("end_turn", 2), msgStop},
			deltas: []string{"Fine."}, text: "Fine.", usage: llm.Usage{InputTokens: 25, OutputTokens: 2}},
		{name: "an overloaded error mid-stream", events: []ev{start, textStart(0), delta(0, "Yes"), errEvent("overloaded_error")},
			deltas: []string{"Yes"}, kind: llm.KindUnavailable},
		{name: "a rate limit mid-stream", events: []ev{start, errEvent("rate_limit_error")}, kind: llm.KindRateLimited},
		{name: "an invalid request mid-stream", events: []ev{start, errEvent("invalid_request_error")}, kind: llm.KindRequest},
		{name: "cut before message_stop", events: []ev{start, textStart(0), delta(0, "Yes, it"), stop(0)},
			deltas: []string{"Yes, it"}, kind: llm.KindUnavailable},
		{name: "an empty stream", kind: llm.KindUnavailable},
		{name: "data that is not JSON", events: []ev{start, textStart(0), {"content_block_delta", `{"type": "content_block_delta", "index": 0, "delta": {`}},
			kind: llm.KindUnavailable},
		{name: "a delta for a block never started", events: []ev{start, delta(3, "orphan"), msgStop}, kind: llm.KindUnavailable},
		{name: "a refusal", events: []ev{start, textStart(0), delta(0, "I can"), stop(0), msgDelta("refusal", 2), msgStop},
			deltas: []string{"I can"}, kind: llm.KindRefused},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeAt(t, "")
			f.script(streamReply(c.events...))
			var deltas []string
			resp, err := f.Provider().Complete(context.Background(), basicRequest(), func(d string) { deltas = append(deltas, d) })
			if strings.Join(deltas, "|") != strings.Join(c.deltas, "|") {
				t.Errorf("deltas %q, want %q", deltas, c.deltas)
			}
			if c.kind != "" {
				var le *llm.Error
				if !errors.As(err, &le) || le.Kind != c.kind {
					t.Fatalf("got %v %#v, want kind %s", resp, err, c.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.Text != c.text || resp.Usage != c.usage || resp.StopReason != "end_turn" {
				t.Fatalf("%+v", resp)
			}
		})
	}
}

func TestRefusalSaysWhy(t *testing.T) {
	f := newFakeAt(t, "")
	f.script(rawReply(200, "application/json", `{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
		"content":[],"stop_reason":"refusal","stop_sequence":null,
		"stop_details":{"type":"refusal","category":"cyber","explanation":"This looks like malware."},
		"usage":{"input_tokens":12,"output_tokens":0}}`))
	_, err := f.Provider().Complete(context.Background(), basicRequest(), nil)
	if llm.KindOf(err) != llm.KindRefused || !strings.Contains(err.Error(), "cyber") {
		t.Fatalf("refusal gave %v", err)
	}
}

func TestDeadlineWithoutStreaming(t *testing.T) {
	f := newFakeAt(t, "")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerHang})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.Provider().Complete(ctx, basicRequest(), nil)
	var le *llm.Error
	if !errors.As(err, &le) || le.Kind != llm.KindTimeout {
		t.Fatalf("a deadline gave %#v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("the deadline took %v", d)
	}
}

func TestCancelReturnsTheContextError(t *testing.T) {
	f := newFakeAt(t, "")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerHang})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := f.Provider().Complete(ctx, basicRequest(), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled call gave %v", err)
	}
}

// The SDK would otherwise take its base URL, key and extra headers from
// the environment; configuration comes from cmd/mockroom only.
func TestEnvironmentIsIgnored(t *testing.T) {
	t.Setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9/")
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-from-env")
	t.Setenv("ANTHROPIC_AUTH_TOKEN", "token-from-env")
	t.Setenv("ANTHROPIC_CUSTOM_HEADERS", "x-api-key: sk-ant-from-env")
	f := newFakeAt(t, "")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: "ok"})
	if _, err := f.Provider().Complete(context.Background(), basicRequest(), nil); err != nil {
		t.Fatal(err)
	}
	if h := f.lastHeader(); h.Get("Authorization") != "Bearer "+testKey || h.Get("x-api-key") != "" {
		t.Fatalf("headers %v", h)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		ms, header string
		want       time.Duration
	}{
		{"", "", 0},
		{"", "3", 3 * time.Second},
		{"", "0.5", 500 * time.Millisecond},
		{"", "0", 0},
		{"", "-4", 0},
		{"", "soon", 0},
		{"", now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"", now.Add(2 * time.Minute).Format(http.TimeFormat), 2 * time.Minute},
		{"250", "9", 250 * time.Millisecond},
		{"nope", "9", 9 * time.Second},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.ms != "" {
			h.Set("retry-after-ms", c.ms)
		}
		if c.header != "" {
			h.Set("retry-after", c.header)
		}
		if got := llm.RetryAfter(h, now); got != c.want {
			t.Errorf("retry-after-ms %q, retry-after %q: %v, want %v", c.ms, c.header, got, c.want)
		}
	}
}
