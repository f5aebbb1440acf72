package gemini

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

// The fake speaks the Gemini Developer API as Google documents it
// (https://ai.google.dev/api/generate-content): POST
// /v1beta/models/{model}:generateContent answers one GenerateContentResponse;
// :streamGenerateContent?alt=sse answers the same objects as server-sent
// events ("data: {json}" lines, each event ended by a blank line, CRLF as
// the API sends them); errors are Google's error body
// {"error":{"code","message","status","details"}}.

const testKey = "test-gemini-key"

type wireRequest struct {
	Contents          []wireContent `json:"contents"`
	SystemInstruction *wireContent  `json:"systemInstruction"`
	GenerationConfig  *struct {
		MaxOutputTokens    *int            `json:"maxOutputTokens"`
		Temperature        *float64        `json:"temperature"`
		ResponseMIMEType   string          `json:"responseMimeType"`
		ResponseJSONSchema json.RawMessage `json:"responseJsonSchema"`
		ResponseSchema     json.RawMessage `json:"responseSchema"`
	} `json:"generationConfig"`
}

type wireContent struct {
	Role  string `json:"role,omitempty"`
	Parts []struct {
		Text string `json:"text"`
	} `json:"parts"`
}

func (c wireContent) text() string {
	var b strings.Builder
	for _, p := range c.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// arrived is one request as it came over the wire.
type arrived struct {
	Path   string // the URL path
	Query  string // the raw query
	Header http.Header
	Body   []byte
}

// scripted is one queued answer: a suite answer, or a raw reply for the
// adapter's own cases.
type scripted struct {
	answer llmtest.Answer
	raw    *rawReply
}

// rawReply is sent as it is: a status, headers, and either a body or SSE events.
type rawReply struct {
	status int
	header map[string]string
	body   string
	events []string // each is sent as "data: EVENT\r\n\r\n"; a stream that is not cut ends there
	stall  bool     // after the events, keep the stream open until the client goes away
}

type fake struct {
	srv     *httptest.Server
	prov    *Provider
	mu      sync.Mutex
	queue   []scripted
	seen    []llmtest.Seen
	arrived []arrived
	closing chan struct{}
}

var _ llmtest.Fake = (*fake)(nil)

func newFake(t *testing.T) llmtest.Fake { return startFake(t, "") }

// startFake starts a fake Gemini under prefix ("" or e.g. "/proxy") and an
// adapter pointed at it.
func startFake(t *testing.T, prefix string) *fake {
	t.Helper()
	f := &fake{closing: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+prefix+"/v1beta/models/{call}", f.handle)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		close(f.closing)
		f.srv.Close()
	})
	p, err := New(context.Background(), Config{APIKey: testKey, BaseURL: f.srv.URL + prefix + "/"})
	if err != nil {
		t.Fatal(err)
	}
	f.prov = p
	return f
}

func (f *fake) Provider() llm.Provider { return f.prov }

func (f *fake) Queue(a ...llmtest.Answer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, x := range a {
		f.queue = append(f.queue, scripted{answer: x})
	}
}

func (f *fake) queueRaw(r ...rawReply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range r {
		f.queue = append(f.queue, scripted{raw: &r[i]})
	}
}

func (f *fake) Requests() []llmtest.Seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]llmtest.Seen(nil), f.seen...)
}

func (f *fake) wire() []arrived {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]arrived(nil), f.arrived...)
}

func (f *fake) handle(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	// The API key travels in x-goog-api-key (the SDK's choice; ?key= also works on the real API).
	switch key := r.Header.Get("x-goog-api-key"); {
	case key == "" && r.URL.Query().Get("key") == "":
		googleError(w, 403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", "")
		return
	case key != testKey:
		googleError(w, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "")
		return
	}
	model, method, ok := strings.Cut(r.PathValue("call"), ":")
	stream := method == "streamGenerateContent"
	if !ok || model == "" || (method != "generateContent" && !stream) {
		googleError(w, 404, "NOT_FOUND", "Method not found.", "")
		return
	}
	if stream && r.URL.Query().Get("alt") != "sse" {
		// Without alt=sse the real API streams one JSON array, a framing this fake does not speak.
		googleError(w, 400, "INVALID_ARGUMENT", "fake: streamGenerateContent without alt=sse", "")
		return
	}
	if r.Header.Get("Content-Type") != "application/json" {
		googleError(w, 400, "INVALID_ARGUMENT", "fake: Content-Type is not application/json", "")
		return
	}
	var req wireRequest
	if err := json.Unmarshal(body, &req); err != nil {
		googleError(w, 400, "INVALID_ARGUMENT", "Invalid JSON payload received. "+err.Error(), "")
		return
	}
	seen := llmtest.Seen{Model: model, Stream: stream}
	if req.SystemInstruction != nil {
		seen.System = req.SystemInstruction.text()
	}
	if len(req.Contents) == 0 {
		googleError(w, 400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified", "")
		return
	}
	for _, c := range req.Contents {
		role := llm.RoleUser
		switch c.Role {
		case "user":
		case "model":
			role = llm.RoleAssistant
		default:
			googleError(w, 400, "INVALID_ARGUMENT", fmt.Sprintf("Please use a valid role: user, model. (got %q)", c.Role), "")
			return
		}
		seen.Turns = append(seen.Turns, llm.Message{Role: role, Text: c.text()})
	}
	if g := req.GenerationConfig; g != nil {
		if g.MaxOutputTokens != nil {
			seen.MaxTokens = *g.MaxOutputTokens
		}
		if len(g.ResponseJSONSchema) > 0 && len(g.ResponseSchema) > 0 {
			googleError(w, 400, "INVALID_ARGUMENT", "responseSchema and responseJsonSchema cannot both be set.", "")
			return
		}
		if len(g.ResponseJSONSchema) > 0 && g.ResponseMIMEType != "application/json" {
			googleError(w, 400, "INVALID_ARGUMENT", "responseJsonSchema requires responseMimeType application/json.", "")
			return
		}
		seen.Schema = g.ResponseJSONSchema
	}

	f.mu.Lock()
	f.seen = append(f.seen, seen)
	f.arrived = append(f.arrived, arrived{Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
	var next *scripted
	if len(f.queue) > 0 {
		next = &f.queue[0]
		f.queue = f.queue[1:]
	}
	f.mu.Unlock()

	switch {
	case next == nil:
		googleError(w, 500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", "")
	case next.raw != nil:
		writeRaw(w, *next.raw)
		if next.raw.stall {
			select {
			case <-r.Context().Done():
			case <-f.closing:
			}
		}
	default:
		f.answer(w, r, model, stream, next.answer)
	}
}

func (f *fake) answer(w http.ResponseWriter, r *http.Request, model string, stream bool, a llmtest.Answer) {
	switch a.Kind {
	case llmtest.AnswerText:
		if !stream {
			writeJSON(w, 200, response(model, a.Text, "STOP", a.InputTokens, a.OutputTokens))
			return
		}
		parts := chunks(a.Text, 3)
		events := make([]string, len(parts))
		for i, p := range parts {
			finish := ""
			out := a.OutputTokens * (i + 1) / len(parts)
			if i == len(parts)-1 {
				finish = "STOP"
			}
			events[i] = mustJSON(response(model, p, finish, a.InputTokens, out))
		}
		writeRaw(w, rawReply{status: 200, events: events})
	case llmtest.AnswerRateLimited:
		secs := int(a.RetryAfter.Seconds())
		googleError(w, 429, "RESOURCE_EXHAUSTED",
			"You exceeded your current quota, please check your plan and billing details.", strconv.Itoa(secs)+"s",
			"Retry-After", strconv.Itoa(secs))
	case llmtest.AnswerServerError:
		googleError(w, 503, "UNAVAILABLE", "The model is overloaded. Please try again later.", "")
	case llmtest.AnswerHang:
		select {
		case <-r.Context().Done():
		case <-f.closing:
		}
	case llmtest.AnswerRefusal:
		blocked := map[string]any{
			"promptFeedback": map[string]any{
				"blockReason": "SAFETY",
				"safetyRatings": []map[string]any{
					{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": true},
				},
			},
			"usageMetadata": map[string]any{"promptTokenCount": 12, "totalTokenCount": 12},
			"modelVersion":  model,
		}
		if stream {
			writeRaw(w, rawReply{status: 200, events: []string{mustJSON(blocked)}})
			return
		}
		writeJSON(w, 200, blocked)
	default:
		googleError(w, 500, "INTERNAL", "fake: unknown answer kind "+a.Kind, "")
	}
}

// response is a GenerateContentResponse with one candidate.
func response(model, text, finish string, in, out int) map[string]any {
	cand := map[string]any{
		"content": map[string]any{"parts": []map[string]any{{"text": text}}, "role": "model"},
		"index":   0,
	}
	if finish != "" {
		cand["finishReason"] = finish
	}
	return map[string]any{
		"candidates":    []map[string]any{cand},
		"usageMetadata": map[string]any{"promptTokenCount": in, "candidatesTokenCount": out, "totalTokenCount": in + out},
		"modelVersion":  model,
		"responseId":    "fake-response",
	}
}

// googleError writes Google's error body; retryDelay, when set, adds a
// google.rpc.RetryInfo detail; extra headers come as name, value pairs.
func googleError(w http.ResponseWriter, code int, status, message, retryDelay string, header ...string) {
	for i := 0; i+1 < len(header); i += 2 {
		w.Header().Set(header[i], header[i+1])
	}
	e := map[string]any{"code": code, "message": message, "status": status}
	if retryDelay != "" {
		e["details"] = []map[string]any{
			{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []map[string]any{
				{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests", "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"},
			}},
			{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retryDelay},
		}
	}
	writeJSON(w, code, map[string]any{"error": e})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(mustJSON(v)))
}

func writeRaw(w http.ResponseWriter, r rawReply) {
	for k, v := range r.header {
		w.Header().Set(k, v)
	}
	if r.events == nil {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		}
		w.WriteHeader(r.status)
		_, _ = io.WriteString(w, r.body)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(r.status)
	fl, _ := w.(http.Flusher)
	for _, e := range r.events {
		_, _ = io.WriteString(w, "data: "+e+"\r\n\r\n")
		if fl != nil {
			fl.Flush()
		}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// chunks splits s into about n pieces on word boundaries.
func chunks(s string, n int) []string {
	words := strings.SplitAfter(s, " ")
	if len(words) < n {
		n = len(words)
	}
	var out []string
	per := (len(words) + n - 1) / n
	for i := 0; i < len(words); i += per {
		out = append(out, strings.Join(words[i:min(i+per, len(words))], ""))
	}
	return out
}
