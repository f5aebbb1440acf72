package openai

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

// fake is a loopback server speaking OpenAI's Chat Completions API as
// documented (https://platform.openai.com/docs/api-reference/chat): POST
// /v1/chat/completions with a JSON body; a chat.completion object back, or
// with "stream": true a text/event-stream of chat.completion.chunk objects
// ("data: {...}" events ending with "data: [DONE]"), the usage in a last
// chunk with no choices when stream_options.include_usage is set; errors as
// {"error": {"message", "type", "param", "code"}} with the HTTP status.
type fake struct {
	t     *testing.T
	srv   *httptest.Server
	p     *Provider
	done  chan struct{}
	mu    sync.Mutex
	queue []func(w http.ResponseWriter, r *http.Request, body wireRequest)
	seen  []wireRequest
}

// wireRequest is a request body as the fake decoded it, with what came
// with it.
type wireRequest struct {
	Path   string
	Header http.Header
	Raw    map[string]json.RawMessage

	Model    string `json:"model"`
	Messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
	MaxTokens           int      `json:"max_tokens"`
	MaxCompletionTokens int      `json:"max_completion_tokens"`
	Temperature         *float64 `json:"temperature"`
	Stream              bool     `json:"stream"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	ResponseFormat *struct {
		Type       string `json:"type"`
		JSONSchema *struct {
			Name        string          `json:"name"`
			Description string          `json:"description"`
			Strict      *bool           `json:"strict"`
			Schema      json.RawMessage `json:"schema"`
		} `json:"json_schema"`
	} `json:"response_format"`
}

// text reads a message's content: a string, or an array of text parts.
func contentText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct{ Type, Text string }
	_ = json.Unmarshal(raw, &parts)
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

func newFake(t *testing.T) *fake {
	return newFakeWith(t, "")
}

// newFakeWith starts a fake; key is the API key the adapter is given.
func newFakeWith(t *testing.T, key string) *fake {
	f := &fake{t: t, done: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	// Cleanups run last-in first-out: release hung handlers, then close.
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() { close(f.done) })
	p, err := New(Config{APIKey: key, BaseURL: f.srv.URL + "/v1", HTTPClient: f.srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	f.p = p
	return f
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path))
		return
	}
	data, err := io.ReadAll(r.Body)
	var body wireRequest
	if err == nil {
		err = json.Unmarshal(data, &body)
	}
	if err == nil {
		err = json.Unmarshal(data, &body.Raw)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	}
	body.Path, body.Header = r.URL.Path, r.Header.Clone()
	f.mu.Lock()
	f.seen = append(f.seen, body)
	var next func(http.ResponseWriter, *http.Request, wireRequest)
	if len(f.queue) > 0 {
		next, f.queue = f.queue[0], f.queue[1:]
	}
	f.mu.Unlock()
	if next == nil {
		writeError(w, http.StatusInternalServerError, "server_error", "", "The server had an error while processing your request.")
		return
	}
	next(w, r, body)
}

func (f *fake) push(h ...func(http.ResponseWriter, *http.Request, wireRequest)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, h...)
}

func (f *fake) wire() []wireRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]wireRequest(nil), f.seen...)
}

// Provider implements llmtest.Fake.
func (f *fake) Provider() llm.Provider { return f.p }

// Queue implements llmtest.Fake.
func (f *fake) Queue(answers ...llmtest.Answer) {
	for _, a := range answers {
		f.push(f.answer(a))
	}
}

// Requests implements llmtest.Fake.
func (f *fake) Requests() []llmtest.Seen {
	var out []llmtest.Seen
	for _, b := range f.wire() {
		s := llmtest.Seen{Model: b.Model, Stream: b.Stream, MaxTokens: b.MaxTokens}
		if b.MaxCompletionTokens != 0 {
			s.MaxTokens = b.MaxCompletionTokens
		}
		var system []string
		for _, m := range b.Messages {
			text := contentText(m.Content)
			switch m.Role {
			case "system", "developer":
				system = append(system, text)
			case "assistant":
				s.Turns = append(s.Turns, llm.Message{Role: llm.RoleAssistant, Text: text})
			default:
				s.Turns = append(s.Turns, llm.Message{Role: llm.RoleUser, Text: text})
			}
		}
		s.System = strings.Join(system, "\n")
		if rf := b.ResponseFormat; rf != nil && rf.Type == "json_schema" && rf.JSONSchema != nil {
			s.Schema = rf.JSONSchema.Schema
		}
		out = append(out, s)
	}
	return out
}

func (f *fake) answer(a llmtest.Answer) func(http.ResponseWriter, *http.Request, wireRequest) {
	return func(w http.ResponseWriter, r *http.Request, body wireRequest) {
		switch a.Kind {
		case llmtest.AnswerText:
			if body.Stream {
				writeStream(w, body, a.Text, "", "stop", a.InputTokens, a.OutputTokens)
				return
			}
			writeCompletion(w, body.Model, a.Text, "", "stop", a.InputTokens, a.OutputTokens)
		case llmtest.AnswerRefusal:
			if body.Stream {
				writeStream(w, body, "", a.Text, "stop", a.InputTokens, a.OutputTokens)
				return
			}
			writeCompletion(w, body.Model, "", a.Text, "stop", a.InputTokens, a.OutputTokens)
		case llmtest.AnswerRateLimited:
			w.Header().Set("Retry-After", strconv.Itoa(int(a.RetryAfter/time.Second)))
			writeError(w, http.StatusTooManyRequests, "requests", "rate_limit_exceeded",
				"Rate limit reached for test-model in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.")
		case llmtest.AnswerServerError:
			writeError(w, http.StatusInternalServerError, "server_error", "", "The server had an error while processing your request. Sorry about that!")
		case llmtest.AnswerHang:
			select {
			case <-r.Context().Done():
			case <-f.done:
			}
		default:
			f.t.Errorf("fake: unknown answer kind %q", a.Kind)
			writeError(w, http.StatusInternalServerError, "server_error", "", "unknown scripted answer")
		}
	}
}

// writeError writes OpenAI's error object.
func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	e := map[string]any{"message": msg, "type": typ, "param": nil, "code": nil}
	if code != "" {
		e["code"] = code
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": e})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// writeCompletion writes a chat.completion object.
func writeCompletion(w http.ResponseWriter, model, content, refusal, finish string, in, out int) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-fake1", "object": "chat.completion", "created": 1735689600, "model": model + "-2025-01-01",
		"system_fingerprint": "fp_fake",
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": nullable(content), "refusal": nullable(refusal), "annotations": []any{}},
			"logprobs":      nil,
			"finish_reason": finish,
		}},
		"usage": map[string]any{"prompt_tokens": in, "completion_tokens": out, "total_tokens": in + out},
	})
}

// chunks splits s into a few pieces at spaces, the way a model streams.
func chunks(s string) []string {
	if s == "" {
		return nil
	}
	words := strings.SplitAfter(s, " ")
	var out []string
	for i := 0; i < len(words); i += 3 {
		out = append(out, strings.Join(words[i:min(i+3, len(words))], ""))
	}
	return out
}

func writeEvent(w http.ResponseWriter, v any) {
	data, _ := json.Marshal(v)
	fmt.Fprintf(w, "data: %s\n\n", data)
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
}

func chunk(model string, delta map[string]any, finish any) map[string]any {
	return map[string]any{
		"id": "chatcmpl-fake1", "object": "chat.completion.chunk", "created": 1735689600, "model": model + "-2025-01-01",
		"system_fingerprint": "fp_fake",
		"choices":            []any{map[string]any{"index": 0, "delta": delta, "logprobs": nil, "finish_reason": finish}},
		"usage":              nil, // with include_usage, every chunk but the last carries "usage": null
	}
}

// writeStream writes the SSE stream of a completion: a role chunk, the
// content (or refusal) deltas, a finish chunk, the usage chunk when asked
// for, then [DONE].
func writeStream(w http.ResponseWriter, body wireRequest, content, refusal, finish string, in, out int) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	writeEvent(w, chunk(body.Model, map[string]any{"role": "assistant", "content": "", "refusal": nil}, nil))
	for _, c := range chunks(content) {
		writeEvent(w, chunk(body.Model, map[string]any{"content": c}, nil))
	}
	for _, c := range chunks(refusal) {
		writeEvent(w, chunk(body.Model, map[string]any{"refusal": c}, nil))
	}
	writeEvent(w, chunk(body.Model, map[string]any{}, finish))
	if body.StreamOptions != nil && body.StreamOptions.IncludeUsage {
		writeEvent(w, map[string]any{
			"id": "chatcmpl-fake1", "object": "chat.completion.chunk", "created": 1735689600, "model": body.Model + "-2025-01-01",
			"choices": []any{}, "usage": map[string]any{"prompt_tokens": in, "completion_tokens": out, "total_tokens": in + out},
		})
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}
