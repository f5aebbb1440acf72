package anthropic

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

// fake is a loopback server that speaks Anthropic's Messages API as it is
// documented (https://docs.anthropic.com/en/api/messages,
// .../messages-streaming, .../errors): POST {base}/v1/messages with
// the API key (x-api-key, or a bearer token) and anthropic-version, a JSON message back, or an SSE stream of
// message_start, content_block_start, ping, content_block_delta,
// content_block_stop, message_delta and message_stop when "stream" is true;
// errors as {"type":"error","error":{"type","message"},"request_id"}.
type fake struct {
	t      *testing.T
	srv    *httptest.Server
	prefix string // the path the base URL carries before /v1/messages
	key    string
	p      *Provider
	done   chan struct{}

	mu      sync.Mutex
	queue   []reply
	seen    []llmtest.Seen
	bodies  []map[string]any // each request body as raw JSON, for wire checks
	headers []http.Header
}

// reply is one scripted answer: a suite Answer, or a raw handler for the
// provider-specific cases (an error event mid-stream, a cut stream).
type reply struct {
	answer llmtest.Answer
	raw    func(w http.ResponseWriter, model string, stream bool)
}

const testKey = "sk-ant-test-key"

var versionRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func newFake(t *testing.T) llmtest.Fake { return newFakeAt(t, "") }

// newFakeAt serves the API under prefix (e.g. "/proxy") and points the
// adapter at srv.URL+prefix.
func newFakeAt(t *testing.T, prefix string) *fake {
	f := &fake{t: t, prefix: prefix, key: testKey, done: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() { close(f.done) }) // runs first: frees hanging handlers
	f.p = New(Config{APIKey: testKey, BaseURL: f.srv.URL + prefix + "/", HTTPClient: f.srv.Client()})
	return f
}

func (f *fake) Provider() llm.Provider { return f.p }

func (f *fake) Queue(a ...llmtest.Answer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, x := range a {
		f.queue = append(f.queue, reply{answer: x})
	}
}

func (f *fake) script(r ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, r...)
}

func (f *fake) Requests() []llmtest.Seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]llmtest.Seen(nil), f.seen...)
}

func (f *fake) lastBody() map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.bodies) == 0 {
		f.t.Fatal("no request arrived")
	}
	return f.bodies[len(f.bodies)-1]
}

func (f *fake) lastHeader() http.Header {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.headers[len(f.headers)-1]
}

// authorized checks the API key. The API takes it in x-api-key, and since
// API version 2026-10-21 (SDK v2) as "Authorization: Bearer <key>", which
// is what the SDK sends; one of the two, not both.
func (f *fake) authorized(h http.Header) bool {
	key, bearer := h.Get("x-api-key"), h.Get("Authorization")
	if key != "" && bearer != "" {
		return false
	}
	if bearer != "" {
		key, _ = strings.CutPrefix(bearer, "Bearer ")
	}
	return key == f.key
}

// wireRequest is the part of the Messages API request body the fake reads.
type wireRequest struct {
	Model     string          `json:"model"`
	MaxTokens *int            `json:"max_tokens"`
	System    json.RawMessage `json:"system"` // a string or an array of text blocks
	Messages  []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"` // a string or an array of content blocks
	} `json:"messages"`
	Stream       bool `json:"stream"`
	OutputConfig *struct {
		Format *struct {
			Type   string          `json:"type"`
			Schema json.RawMessage `json:"schema"`
		} `json:"format"`
	} `json:"output_config"`
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != f.prefix+"/v1/messages" {
		apiError(w, http.StatusNotFound, "not_found_error", "Not found: "+r.Method+" "+r.URL.Path, nil)
		return
	}
	if !f.authorized(r.Header) {
		apiError(w, http.StatusUnauthorized, "authentication_error", "invalid x-api-key", nil)
		return
	}
	if !versionRe.MatchString(r.Header.Get("anthropic-version")) {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "anthropic-version: header is required", nil)
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "Content-Type must be application/json", nil)
		return
	}
	var raw map[string]any
	var req wireRequest
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "There was an issue with the request body: "+err.Error(), nil)
		return
	}
	b, _ := json.Marshal(raw)
	if err := json.Unmarshal(b, &req); err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", err.Error(), nil)
		return
	}
	seen, msg := decode(req)
	if msg != "" {
		apiError(w, http.StatusBadRequest, "invalid_request_error", msg, nil)
		return
	}
	f.mu.Lock()
	f.seen = append(f.seen, seen)
	f.bodies = append(f.bodies, raw)
	f.headers = append(f.headers, r.Header.Clone())
	var next *reply
	if len(f.queue) > 0 {
		next = &f.queue[0]
		f.queue = f.queue[1:]
	}
	f.mu.Unlock()

	switch {
	case next == nil:
		apiError(w, http.StatusInternalServerError, "api_error", "Internal server error", nil)
	case next.raw != nil:
		next.raw(w, req.Model, req.Stream)
	default:
		f.answer(w, r, next.answer, req.Model, req.Stream)
	}
}

// decode checks the request as the API would and reads it back as the
// suite's Seen; a non-empty message is the API's 400.
func decode(req wireRequest) (llmtest.Seen, string) {
	s := llmtest.Seen{Model: req.Model, Stream: req.Stream}
	if req.Model == "" {
		return s, "model: Field required"
	}
	if req.MaxTokens == nil || *req.MaxTokens < 1 {
		return s, "max_tokens: Field required"
	}
	s.MaxTokens = *req.MaxTokens
	if len(req.System) > 0 {
		text, err := blocksText(req.System)
		if err != "" {
			return s, "system: " + err
		}
		s.System = text
	}
	if len(req.Messages) == 0 {
		return s, "messages: at least one message is required"
	}
	for i, m := range req.Messages {
		if m.Role != llm.RoleUser && m.Role != llm.RoleAssistant {
			return s, fmt.Sprintf("messages.%d.role: Input should be 'user' or 'assistant'", i)
		}
		text, err := blocksText(m.Content)
		if err != "" {
			return s, fmt.Sprintf("messages.%d.content: %s", i, err)
		}
		s.Turns = append(s.Turns, llm.Message{Role: m.Role, Text: text})
	}
	if oc := req.OutputConfig; oc != nil && oc.Format != nil {
		if oc.Format.Type != "json_schema" {
			return s, "output_config.format.type: Input should be 'json_schema'"
		}
		var schema any
		if err := json.Unmarshal(oc.Format.Schema, &schema); err != nil {
			return s, "output_config.format.schema: Input should be an object"
		}
		if msg := checkSchema(schema, "output_config.format.schema"); msg != "" {
			return s, msg
		}
		s.Schema = oc.Format.Schema
	}
	return s, ""
}

// blocksText reads a string or an array of text blocks.
func blocksText(raw json.RawMessage) (string, string) {
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return str, ""
	}
	var blocks []struct {
		Type string  `json:"type"`
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(raw, &blocks); err != nil {
		return "", "Input should be a valid string or list of content blocks"
	}
	var parts []string
	for _, b := range blocks {
		if b.Type != "text" || b.Text == nil {
			return "", "this fake takes text blocks only, got " + b.Type
		}
		parts = append(parts, *b.Text)
	}
	return strings.Join(parts, "\n"), ""
}

// The keywords structured outputs accept
// (https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs#json-schema-limitations).
var schemaKeywords = map[string]bool{
	"$ref": true, "$defs": true, "type": true, "anyOf": true, "allOf": true, "description": true, "title": true,
	"enum": true, "const": true, "properties": true, "additionalProperties": true, "required": true,
	"items": true, "minItems": true, "format": true, "pattern": true,
}

// checkSchema answers what the API says of an unsupported schema: a
// keyword it does not take, or an object that allows other properties.
func checkSchema(v any, path string) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	for k, sub := range m {
		if !schemaKeywords[k] {
			return fmt.Sprintf("%s: keyword %q is not supported", path, k)
		}
		switch k {
		case "properties", "$defs":
			props, _ := sub.(map[string]any)
			for name, p := range props {
				if msg := checkSchema(p, path+"."+k+"."+name); msg != "" {
					return msg
				}
			}
		case "items":
			if msg := checkSchema(sub, path+".items"); msg != "" {
				return msg
			}
		case "anyOf", "allOf":
			list, _ := sub.([]any)
			for i, p := range list {
				if msg := checkSchema(p, fmt.Sprintf("%s.%s.%d", path, k, i)); msg != "" {
					return msg
				}
			}
		}
	}
	if m["type"] == "object" && m["additionalProperties"] != false {
		return path + ": 'additionalProperties' must be explicitly set to false for object types"
	}
	return ""
}

// answer plays one of the suite's scripted answers.
func (f *fake) answer(w http.ResponseWriter, r *http.Request, a llmtest.Answer, model string, stream bool) {
	switch a.Kind {
	case llmtest.AnswerText:
		message(w, model, a.Text, "end_turn", nil, a.InputTokens, a.OutputTokens, stream)
	case llmtest.AnswerRefusal:
		details := map[string]any{"type": "refusal", "category": nil, "explanation": "The request asked for content the model declines to produce."}
		message(w, model, a.Text, "refusal", details, a.InputTokens, a.OutputTokens, stream)
	case llmtest.AnswerRateLimited:
		h := http.Header{}
		h.Set("retry-after", strconv.Itoa(int(a.RetryAfter.Seconds())))
		apiError(w, http.StatusTooManyRequests, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", h)
	case llmtest.AnswerServerError:
		apiError(w, 529, "overloaded_error", "Overloaded", nil)
	case llmtest.AnswerHang:
		if stream {
			// The stream opens and then stalls, the way an overloaded backend does.
			sseHeader(w)
			event(w, "message_start", startEvent(model, a.InputTokens))
		}
		select {
		case <-r.Context().Done():
		case <-f.done:
		}
	default:
		f.t.Errorf("fake: unknown answer kind %q", a.Kind)
		apiError(w, http.StatusInternalServerError, "api_error", "unknown scripted answer", nil)
	}
}

// message writes a finished message, as JSON or as the SSE events of a stream.
func message(w http.ResponseWriter, model, text, stop string, details map[string]any, in, out int, stream bool) {
	if !stream {
		var content []any
		if text != "" {
			content = append(content, map[string]any{"type": "text", "text": text})
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant", "model": model,
			"content": content, "stop_reason": stop, "stop_sequence": nil, "stop_details": details,
			"usage": map[string]any{"input_tokens": in, "output_tokens": out, "cache_creation_input_tokens": 0,
				"cache_read_input_tokens": 0, "service_tier": "standard"},
		})
		return
	}
	sseHeader(w)
	event(w, "message_start", startEvent(model, in))
	event(w, "content_block_start", map[string]any{"type": "content_block_start", "index": 0, "content_block": map[string]any{"type": "text", "text": ""}})
	event(w, "ping", map[string]any{"type": "ping"})
	for _, c := range chunks(text) {
		event(w, "content_block_delta", map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "text_delta", "text": c}})
	}
	event(w, "content_block_stop", map[string]any{"type": "content_block_stop", "index": 0})
	event(w, "message_delta", map[string]any{"type": "message_delta",
		"delta": map[string]any{"stop_reason": stop, "stop_sequence": nil, "stop_details": details},
		"usage": map[string]any{"output_tokens": out}})
	event(w, "message_stop", map[string]any{"type": "message_stop"})
}

func startEvent(model string, in int) map[string]any {
	return map[string]any{"type": "message_start", "message": map[string]any{
		"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant", "model": model, "content": []any{},
		"stop_reason": nil, "stop_sequence": nil,
		"usage": map[string]any{"input_tokens": in, "output_tokens": 1, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
	}}
}

// chunks splits text into about four pieces on rune boundaries.
func chunks(text string) []string {
	r := []rune(text)
	size := max(1, (len(r)+3)/4)
	var out []string
	for len(r) > 0 {
		n := min(size, len(r))
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return out
}

func sseHeader(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("request-id", "req_018EeWyXxfu5pfWkrYcMdjWG")
	w.WriteHeader(http.StatusOK)
}

// event writes one SSE event; data is JSON-encoded unless it is a string
// (a raw line, for malformed streams).
func event(w http.ResponseWriter, name string, data any) {
	var b []byte
	if s, ok := data.(string); ok {
		b = []byte(s)
	} else {
		b, _ = json.Marshal(data)
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b)
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
}

// apiError writes the documented error shape.
func apiError(w http.ResponseWriter, status int, typ, msg string, h http.Header) {
	for k, v := range h {
		w.Header()[k] = v
	}
	w.Header().Set("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
	writeJSON(w, status, map[string]any{"type": "error", "error": map[string]any{"type": typ, "message": msg},
		"request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
