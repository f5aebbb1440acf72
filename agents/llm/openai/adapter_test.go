package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

func TestConformance(t *testing.T) {
	llmtest.Run(t, func(t *testing.T) llmtest.Fake { return newFakeWith(t, "sk-test") })
}

func req() llm.Request {
	return llm.Request{
		Agent: llm.AgentObserver, Model: "gpt-4o-mini", System: "Assess the code. " + llm.DataRule,
		Data:     []llm.Data{{Name: "code", Content: "print(1)"}},
		Messages: []llm.Message{{Role: llm.RoleUser, Text: "done"}},
	}
}

func TestWhatGoesOnTheWire(t *testing.T) {
	temp := 0.2
	schema := &llm.Schema{Name: "facts", Description: "code facts",
		JSON: json.RawMessage(`{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}`)}
	cases := []struct {
		name   string
		key    string
		limit  string // the adapter's length-limit field
		mutate func(*llm.Request)
		stream bool
		check  func(t *testing.T, b wireRequest)
	}{
		{name: "key as bearer, path under the base URL, default limit", key: "sk-secret", check: func(t *testing.T, b wireRequest) {
			if got := b.Header.Get("Authorization"); got != "Bearer sk-secret" {
				t.Errorf("Authorization %q", got)
			}
			if b.Path != "/v1/chat/completions" {
				t.Errorf("path %q", b.Path)
			}
			if b.MaxTokens != 1024 || b.Raw["max_completion_tokens"] != nil {
				t.Errorf("a compatible server gets max_tokens 1024 by default, got %d / %s", b.MaxTokens, b.Raw["max_completion_tokens"])
			}
			if b.Raw["temperature"] != nil || b.Raw["response_format"] != nil || b.Raw["stream"] != nil {
				t.Errorf("unasked fields sent: %v", b.Raw)
			}
			if len(b.Messages) == 0 || b.Messages[0].Role != "system" {
				t.Errorf("the instructions go first, as the system message: %+v", b.Messages)
			}
			for _, m := range b.Messages[1:] {
				if m.Role == "system" || m.Role == "developer" {
					t.Errorf("a second system message: %+v", b.Messages)
				}
			}
		}},
		{name: "no key on a local server", key: "", check: func(t *testing.T, b wireRequest) {
			if got := b.Header.Get("Authorization"); got != "Bearer "+noKey {
				t.Errorf("Authorization %q", got)
			}
		}},
		{name: "OpenAI's own API: max_completion_tokens", key: "k", limit: "max_completion_tokens",
			mutate: func(r *llm.Request) { r.MaxTokens = 77 },
			check: func(t *testing.T, b wireRequest) {
				if b.MaxCompletionTokens != 77 || b.Raw["max_tokens"] != nil {
					t.Errorf("max_completion_tokens %d, max_tokens %s", b.MaxCompletionTokens, b.Raw["max_tokens"])
				}
			}},
		{name: "temperature", key: "k", mutate: func(r *llm.Request) { r.Temperature = &temp }, check: func(t *testing.T, b wireRequest) {
			if b.Temperature == nil || *b.Temperature != 0.2 {
				t.Errorf("temperature %v", b.Temperature)
			}
		}},
		{name: "strict json_schema response format", key: "k", mutate: func(r *llm.Request) { r.Schema = schema }, check: func(t *testing.T, b wireRequest) {
			rf := b.ResponseFormat
			if rf == nil || rf.Type != "json_schema" || rf.JSONSchema == nil {
				t.Fatalf("response_format %s", b.Raw["response_format"])
			}
			if rf.JSONSchema.Name != "facts" || rf.JSONSchema.Description != "code facts" || rf.JSONSchema.Strict == nil || !*rf.JSONSchema.Strict {
				t.Errorf("json_schema %+v", rf.JSONSchema)
			}
			var got, want any
			_ = json.Unmarshal(rf.JSONSchema.Schema, &got)
			_ = json.Unmarshal(schema.JSON, &want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("schema %s, want %s", rf.JSONSchema.Schema, schema.JSON)
			}
		}},
		{name: "streaming asks for usage", key: "k", stream: true, check: func(t *testing.T, b wireRequest) {
			if !b.Stream || b.StreamOptions == nil || !b.StreamOptions.IncludeUsage {
				t.Errorf("stream %v, stream_options %s", b.Stream, b.Raw["stream_options"])
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeWith(t, tc.key)
			if tc.limit != "" {
				f.p.limitField = tc.limit
			}
			text := "fine"
			r := req()
			if tc.mutate != nil {
				tc.mutate(&r)
			}
			if r.Schema != nil {
				text = `{"ok":true}`
			}
			f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: text, InputTokens: 5, OutputTokens: 2})
			var emit func(string)
			if tc.stream {
				emit = func(string) {}
			}
			resp, err := f.p.Complete(context.Background(), r, emit)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Text != text || resp.Model != r.Model+"-2025-01-01" || resp.StopReason != "stop" || resp.Usage != (llm.Usage{InputTokens: 5, OutputTokens: 2}) {
				t.Errorf("response %+v", resp)
			}
			w := f.wire()
			if len(w) != 1 {
				t.Fatalf("%d requests", len(w))
			}
			tc.check(t, w[0])
		})
	}
}

func TestNewConfig(t *testing.T) {
	cases := []struct {
		name    string
		cfg     Config
		wantErr string
		limit   string
	}{
		{name: "OpenAI with a key", cfg: Config{APIKey: "sk-1"}, limit: "max_completion_tokens"},
		{name: "OpenAI without a key", cfg: Config{}, wantErr: "API key is required"},
		{name: "OpenAI named explicitly", cfg: Config{APIKey: "k", BaseURL: "https://api.openai.com/v1/"}, limit: "max_completion_tokens"},
		{name: "Ollama without a key", cfg: Config{BaseURL: "http://localhost:11434/v1"}, limit: "max_tokens"},
		{name: "vLLM with a key", cfg: Config{APIKey: "tok", BaseURL: "https://vllm.internal:8000/v1"}, limit: "max_tokens"},
		{name: "not a URL", cfg: Config{BaseURL: "localhost:11434"}, wantErr: "absolute http(s) URL"},
		{name: "wrong scheme", cfg: Config{BaseURL: "ftp://host/v1"}, wantErr: "absolute http(s) URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.cfg)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.limitField != tc.limit || p.Name() != "openai" {
				t.Fatalf("limit field %q, name %q", p.limitField, p.Name())
			}
		})
	}
}

// raw answers one request with a handler of the test's own.
func raw(h func(w http.ResponseWriter)) func(http.ResponseWriter, *http.Request, wireRequest) {
	return func(w http.ResponseWriter, _ *http.Request, _ wireRequest) { h(w) }
}

func TestErrors(t *testing.T) {
	sse := func(events ...string) func(http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/event-stream")
			for _, e := range events {
				fmt.Fprint(w, e)
			}
		}
	}
	okChunk := `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"half an "},"finish_reason":null}]}` + "\n\n"
	cases := []struct {
		name       string
		stream     bool
		answer     func(http.ResponseWriter)
		kind       llm.ErrorKind
		status     int
		retryAfter time.Duration // exact, or -1 for the HTTP date (2 to 4 s)
		says       string        // the error mentions this
	}{
		{name: "bad key", answer: func(w http.ResponseWriter) {
			writeError(w, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-abc***xyz.")
		}, kind: llm.KindRequest, status: 401, says: "Incorrect API key"},
		{name: "unknown model", answer: func(w http.ResponseWriter) {
			writeError(w, 404, "invalid_request_error", "model_not_found", "The model `gpt-9` does not exist or you do not have access to it.")
		}, kind: llm.KindRequest, status: 404, says: "model_not_found"},
		{name: "bad request", answer: func(w http.ResponseWriter) {
			writeError(w, 400, "invalid_request_error", "", "Invalid schema for response_format 'verdict'.")
		}, kind: llm.KindRequest, status: 400, says: "Invalid schema"},
		{name: "429 with retry-after-ms", answer: func(w http.ResponseWriter) {
			w.Header().Set("retry-after-ms", "1500")
			w.Header().Set("Retry-After", "2")
			writeError(w, 429, "tokens", "rate_limit_exceeded", "Rate limit reached.")
		}, kind: llm.KindRateLimited, status: 429, retryAfter: 1500 * time.Millisecond},
		{name: "429 on a streaming request", stream: true, answer: func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3")
			writeError(w, 429, "tokens", "rate_limit_exceeded", "Rate limit reached.")
		}, kind: llm.KindRateLimited, status: 429, retryAfter: 3 * time.Second, says: "rate_limit_exceeded"},
		{name: "500 on a streaming request", stream: true, answer: func(w http.ResponseWriter) {
			writeError(w, 500, "server_error", "", "The server had an error.")
		}, kind: llm.KindUnavailable, status: 500},
		{name: "429 with an HTTP date", answer: func(w http.ResponseWriter) {
			// A date has whole seconds: rounded up, 3 to 4 s ahead as sent.
			w.Header().Set("Retry-After", time.Now().Add(4*time.Second).Truncate(time.Second).UTC().Format(http.TimeFormat))
			writeError(w, 429, "requests", "rate_limit_exceeded", "Rate limit reached.")
		}, kind: llm.KindRateLimited, status: 429, retryAfter: -1},
		{name: "429 quota exhausted, no hint", answer: func(w http.ResponseWriter) {
			writeError(w, 429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota.")
		}, kind: llm.KindRateLimited, status: 429},
		{name: "503 overloaded", answer: func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "4")
			writeError(w, 503, "server_error", "", "The engine is currently overloaded, please try again later.")
		}, kind: llm.KindUnavailable, status: 503, retryAfter: 4 * time.Second},
		{name: "502 with an HTML body", answer: func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><body>Bad gateway</body></html>")
		}, kind: llm.KindUnavailable, status: 502},
		{name: "200 with a body that is not JSON", answer: func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"id": "chatcmpl-1", "choices": [`)
		}, kind: llm.KindUnavailable},
		{name: "malformed SSE data", stream: true, answer: sse(okChunk, "data: {not json\n\n", "data: [DONE]\n\n"),
			kind: llm.KindUnavailable},
		{name: "error event inside the stream", stream: true,
			answer: sse(okChunk, `data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}`+"\n\n"),
			kind:   llm.KindUnavailable, says: "server had an error"},
		{name: "stream cut before the finish", stream: true, answer: sse(okChunk), kind: llm.KindUnavailable, says: "ended before"},
		{name: "content filter", answer: func(w http.ResponseWriter) {
			writeCompletion(w, "m", "", "", "content_filter", 3, 0)
		}, kind: llm.KindRefused},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeWith(t, "sk-test")
			f.push(raw(tc.answer))
			var emit func(string)
			if tc.stream {
				emit = func(string) {}
			}
			done := make(chan error, 1)
			go func() { _, err := f.p.Complete(context.Background(), req(), emit); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("the call hung")
			}
			var le *llm.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not an *llm.Error", err)
			}
			if le.Kind != tc.kind || le.Status != tc.status || le.Provider != "openai" {
				t.Errorf("kind %s status %d provider %s, want %s %d", le.Kind, le.Status, le.Provider, tc.kind, tc.status)
			}
			switch {
			case tc.retryAfter < 0:
				if le.RetryAfter < 2*time.Second || le.RetryAfter > 4*time.Second {
					t.Errorf("retry after %v from an HTTP date 3 to 4 s ahead", le.RetryAfter)
				}
			case le.RetryAfter != tc.retryAfter:
				t.Errorf("retry after %v, want %v", le.RetryAfter, tc.retryAfter)
			}
			if tc.says != "" && !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", err, tc.says)
			}
			if n := len(f.wire()); n != 1 {
				t.Errorf("%d requests: the SDK retried on its own", n)
			}
		})
	}
}

func TestTransportAndDeadline(t *testing.T) {
	t.Run("connection refused", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		base := srv.URL + "/v1"
		srv.Close()
		p, err := New(Config{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Complete(context.Background(), req(), nil)
		var le *llm.Error
		if !errors.As(err, &le) || le.Kind != llm.KindUnavailable || le.Status != 0 {
			t.Fatalf("%#v", err)
		}
	})
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("deadline, stream %v", stream), func(t *testing.T) {
			f := newFakeWith(t, "k")
			f.Queue(llmtest.Answer{Kind: llmtest.AnswerHang})
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			var emit func(string)
			if stream {
				emit = func(string) {}
			}
			start := time.Now()
			_, err := f.p.Complete(ctx, req(), emit)
			if llm.KindOf(err) != llm.KindTimeout || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("%v", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
	t.Run("deadline mid-stream", func(t *testing.T) {
		f := newFakeWith(t, "k")
		f.push(func(w http.ResponseWriter, r *http.Request, _ wireRequest) {
			w.Header().Set("Content-Type", "text/event-stream")
			writeEvent(w, chunk("m", map[string]any{"content": "Let me "}, nil))
			select {
			case <-r.Context().Done():
			case <-f.done:
			}
		})
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		var got string
		_, err := f.p.Complete(ctx, req(), func(d string) { got += d })
		if llm.KindOf(err) != llm.KindTimeout || got != "Let me " {
			t.Fatalf("err %v after %q", err, got)
		}
	})
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name string
		h    map[string]string
		want time.Duration
	}{
		{"absent", nil, 0},
		{"seconds", map[string]string{"Retry-After": "7"}, 7 * time.Second},
		{"fractional seconds", map[string]string{"Retry-After": "0.5"}, 500 * time.Millisecond},
		{"milliseconds win", map[string]string{"retry-after-ms": "250", "Retry-After": "7"}, 250 * time.Millisecond},
		{"bad milliseconds fall back", map[string]string{"retry-after-ms": "soon", "Retry-After": "2"}, 2 * time.Second},
		{"HTTP date", map[string]string{"Retry-After": now.Add(90 * time.Second).Format(http.TimeFormat)}, 90 * time.Second},
		{"date in the past", map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0},
		{"negative", map[string]string{"Retry-After": "-3"}, 0},
		{"garbage", map[string]string{"Retry-After": "later please"}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tc.h {
				h.Set(k, v)
			}
			if got := llm.RetryAfter(h, now); got != tc.want {
				t.Fatalf("%v, want %v", got, tc.want)
			}
		})
	}
}

func TestRefusal(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream %v", stream), func(t *testing.T) {
			f := newFakeWith(t, "k")
			f.Queue(llmtest.Answer{Kind: llmtest.AnswerRefusal, Text: "I'm sorry, I can't assist with that request."})
			var emit func(string)
			var shown string
			if stream {
				emit = func(d string) { shown += d }
			}
			_, err := f.p.Complete(context.Background(), req(), emit)
			if llm.KindOf(err) != llm.KindRefused || !strings.Contains(err.Error(), "can't assist") {
				t.Fatalf("%v", err)
			}
			if shown != "" {
				t.Fatalf("the refusal was streamed as the answer: %q", shown)
			}
		})
	}
}
