// Package gemini is the llm.Provider for Google's Gemini Developer API
// (generativelanguage.googleapis.com) through the official SDK,
// google.golang.org/genai.
//
// What goes on the wire: POST v1beta/models/{model}:generateContent, or
// :streamGenerateContent?alt=sse when the caller streams; the API key in the
// x-goog-api-key header; req.System as systemInstruction (never as a turn),
// req.Conversation() as contents with the roles user and model;
// generationConfig.maxOutputTokens; and for structured output
// responseMimeType application/json with the schema as responseJsonSchema
// (the JSON Schema field, which takes our schema as it is, unlike the older
// responseSchema, an OpenAPI subset).
//
// One attempt per call: the SDK retries only when HTTPOptions.RetryOptions
// is set, which we set to a single attempt to say so, and its automatic
// stream continuation is turned off, so llm.Client's bounded retries are the
// only ones.
package gemini

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"google.golang.org/genai"

	"github.com/mockroom/mockroom/agents/llm"
)

// DefaultBaseURL is the Gemini Developer API.
const DefaultBaseURL = "https://generativelanguage.googleapis.com/"

const defaultMaxTokens = 1024

// Config configures the adapter.
type Config struct {
	APIKey     string       // GEMINI_API_KEY
	BaseURL    string       // "" for DefaultBaseURL; tests point it at a fake
	HTTPClient *http.Client // nil for a plain client; its Transport is wrapped, not changed
}

// Provider talks to Gemini.
type Provider struct {
	client *genai.Client
}

var _ llm.Provider = (*Provider)(nil)

// New returns a Provider for the Gemini Developer API.
func New(ctx context.Context, cfg Config) (*Provider, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("gemini: GEMINI_API_KEY is empty")
	}
	base := cfg.BaseURL
	if base == "" {
		// Set explicitly so the SDK does not take GOOGLE_GEMINI_BASE_URL from the environment.
		base = DefaultBaseURL
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("gemini: base URL %q is not an http(s) URL", base)
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		hc = &c
	}
	hc.Transport = &hintTransport{next: hc.Transport}
	c, err := genai.NewClient(ctx, &genai.ClientConfig{
		APIKey:     cfg.APIKey,
		Backend:    genai.BackendGeminiAPI,
		HTTPClient: hc,
		HTTPOptions: genai.HTTPOptions{
			BaseURL:      base,
			RetryOptions: &genai.HTTPRetryOptions{Attempts: genai.Ptr[int32](1)},
		},
	})
	if err != nil {
		// The SDK prints its whole ClientConfig, key included, in some errors.
		return nil, fmt.Errorf("gemini: %s", strings.ReplaceAll(err.Error(), cfg.APIKey, "[key]"))
	}
	return &Provider{client: c}, nil
}

// Name implements llm.Provider.
func (p *Provider) Name() string { return llm.ProviderGemini }

// Complete implements llm.Provider: one attempt, streamed when emit is not nil.
func (p *Provider) Complete(ctx context.Context, req llm.Request, emit func(delta string)) (*llm.Response, error) {
	h := &hint{}
	ctx = context.WithValue(ctx, hintKey{}, h)
	cfg := config(req)
	contents := contents(req.Conversation())
	var (
		out *llm.Response
		err error
	)
	if emit == nil {
		out, err = p.once(ctx, req, contents, cfg)
	} else {
		out, err = p.stream(ctx, req, contents, cfg, emit)
	}
	if err != nil {
		return nil, p.classify(ctx, h, err)
	}
	return out, nil
}

func (p *Provider) once(ctx context.Context, req llm.Request, contents []*genai.Content, cfg *genai.GenerateContentConfig) (*llm.Response, error) {
	r, err := p.client.Models.GenerateContent(ctx, req.Model, contents, cfg)
	if err != nil {
		return nil, err
	}
	if err := refused(r); err != nil {
		return nil, err
	}
	out := &llm.Response{Text: text(r), Model: req.Model, Usage: usage(r.UsageMetadata)}
	if r.ModelVersion != "" {
		out.Model = r.ModelVersion
	}
	if len(r.Candidates) > 0 && r.Candidates[0] != nil {
		out.StopReason = string(r.Candidates[0].FinishReason)
	}
	return out, nil
}

func (p *Provider) stream(ctx context.Context, req llm.Request, contents []*genai.Content, cfg *genai.GenerateContentConfig, emit func(string)) (*llm.Response, error) {
	out := &llm.Response{Model: req.Model}
	var b strings.Builder
	for r, err := range p.client.Models.GenerateContentStream(ctx, req.Model, contents, cfg) {
		if err != nil {
			return nil, err
		}
		if err := refused(r); err != nil {
			return nil, err
		}
		// Each chunk's usageMetadata is the running total, so the last one counts.
		if r.UsageMetadata != nil {
			out.Usage = usage(r.UsageMetadata)
		}
		if r.ModelVersion != "" {
			out.Model = r.ModelVersion
		}
		if d := text(r); d != "" {
			b.WriteString(d)
			emit(d)
		}
		if len(r.Candidates) > 0 && r.Candidates[0] != nil && r.Candidates[0].FinishReason != "" {
			out.StopReason = string(r.Candidates[0].FinishReason)
		}
	}
	if out.StopReason == "" {
		// Gemini's last chunk carries the finish reason; a stream that ends
		// without one was cut short and its text is a fragment.
		return nil, &llm.Error{Provider: llm.ProviderGemini, Kind: llm.KindUnavailable,
			Err: errors.New("the stream ended before the model finished")}
	}
	out.Text = b.String()
	return out, nil
}

func config(req llm.Request) *genai.GenerateContentConfig {
	limit := req.MaxTokens
	if limit <= 0 {
		limit = defaultMaxTokens
	}
	cfg := &genai.GenerateContentConfig{
		SystemInstruction:     &genai.Content{Parts: []*genai.Part{{Text: req.System}}},
		MaxOutputTokens:       int32(limit),
		AutomaticContinuation: genai.Ptr(false),
	}
	if req.System == "" {
		cfg.SystemInstruction = nil
	}
	if req.Temperature != nil {
		cfg.Temperature = genai.Ptr(float32(*req.Temperature))
	}
	if req.Schema != nil {
		cfg.ResponseMIMEType = "application/json"
		cfg.ResponseJsonSchema = req.Schema.JSON
	}
	return cfg
}

func contents(turns []llm.Message) []*genai.Content {
	out := make([]*genai.Content, 0, len(turns))
	for _, m := range turns {
		role := genai.RoleUser
		if m.Role == llm.RoleAssistant {
			role = genai.RoleModel
		}
		out = append(out, &genai.Content{Role: role, Parts: []*genai.Part{{Text: m.Text}}})
	}
	return out
}

// text is the first candidate's answer, its thoughts left out.
func text(r *genai.GenerateContentResponse) string {
	if len(r.Candidates) == 0 || r.Candidates[0] == nil || r.Candidates[0].Content == nil {
		return ""
	}
	var b strings.Builder
	for _, part := range r.Candidates[0].Content.Parts {
		if part != nil && !part.Thought {
			b.WriteString(part.Text)
		}
	}
	return b.String()
}

// usage counts thinking tokens as output: Google bills them at the output price.
func usage(u *genai.GenerateContentResponseUsageMetadata) llm.Usage {
	if u == nil {
		return llm.Usage{}
	}
	return llm.Usage{InputTokens: int(u.PromptTokenCount), OutputTokens: int(u.CandidatesTokenCount + u.ThoughtsTokenCount)}
}

// blockedFinish are the finish reasons by which Gemini declines to answer.
var blockedFinish = map[genai.FinishReason]bool{
	genai.FinishReasonSafety:                 true,
	genai.FinishReasonRecitation:             true,
	genai.FinishReasonBlocklist:              true,
	genai.FinishReasonProhibitedContent:      true,
	genai.FinishReasonSPII:                   true,
	genai.FinishReasonImageSafety:            true,
	genai.FinishReasonImageProhibitedContent: true,
	genai.FinishReasonImageRecitation:        true,
}

// refused reports Gemini's own refusal signals: a blocked prompt
// (promptFeedback.blockReason) or a candidate stopped for safety.
func refused(r *genai.GenerateContentResponse) error {
	if r.PromptFeedback != nil && r.PromptFeedback.BlockReason != "" && r.PromptFeedback.BlockReason != genai.BlockedReasonUnspecified {
		return &llm.Error{Provider: llm.ProviderGemini, Kind: llm.KindRefused,
			Err: fmt.Errorf("prompt blocked: %s", r.PromptFeedback.BlockReason)}
	}
	if len(r.Candidates) > 0 && r.Candidates[0] != nil && blockedFinish[r.Candidates[0].FinishReason] {
		return &llm.Error{Provider: llm.ProviderGemini, Kind: llm.KindRefused,
			Err: fmt.Errorf("answer stopped: finish reason %s", r.Candidates[0].FinishReason)}
	}
	return nil
}

// classify turns what the SDK returned into an *llm.Error.
func (p *Provider) classify(ctx context.Context, h *hint, err error) error {
	var le *llm.Error
	if errors.As(err, &le) {
		return le
	}
	switch ctx.Err() {
	case context.DeadlineExceeded:
		return &llm.Error{Provider: llm.ProviderGemini, Kind: llm.KindTimeout, Err: err}
	case context.Canceled:
		return ctx.Err()
	}
	e := &llm.Error{Provider: llm.ProviderGemini, Kind: llm.KindUnavailable, Err: err}
	var api genai.APIError
	if !errors.As(err, &api) {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			e.Kind = llm.KindTimeout
		}
		// Transport errors, a broken or malformed stream: worth another try.
		return e
	}
	e.Status = api.Code
	status, header := h.get()
	if e.Status == 0 {
		e.Status = status
	}
	switch {
	case e.Status == http.StatusTooManyRequests || api.Status == "RESOURCE_EXHAUSTED":
		e.Kind = llm.KindRateLimited
		e.RetryAfter = llm.RetryAfter(header, time.Now())
		if e.RetryAfter == 0 {
			e.RetryAfter = retryInfo(api.Details)
		}
	case e.Status >= 500 || api.Status == "UNAVAILABLE" || api.Status == "INTERNAL":
		e.Kind = llm.KindUnavailable
	case e.Status == http.StatusRequestTimeout:
		e.Kind = llm.KindTimeout
	case e.Status >= 400:
		e.Kind = llm.KindRequest
	}
	return e
}

// retryInfo reads google.rpc.RetryInfo from an error's details: Google's own
// hint, a protobuf Duration in its JSON form ("2s", "0.500s").
func retryInfo(details []map[string]any) time.Duration {
	for _, d := range details {
		if t, _ := d["@type"].(string); !strings.HasSuffix(t, "google.rpc.RetryInfo") {
			continue
		}
		s, _ := d["retryDelay"].(string)
		if v, err := time.ParseDuration(s); err == nil && v > 0 {
			return v
		}
	}
	return 0
}

// The SDK's APIError keeps the error body but not the response headers, so
// a wrapped transport keeps the status and headers of an error response for
// the call that asked (found through the request's context).
type hintKey struct{}

type hint struct {
	status int
	header http.Header
}

func (h *hint) get() (int, http.Header) { return h.status, h.header }

type hintTransport struct{ next http.RoundTripper }

func (t *hintTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	resp, err := next.RoundTrip(r)
	if err == nil && resp.StatusCode >= 300 {
		if h, ok := r.Context().Value(hintKey{}).(*hint); ok {
			h.status, h.header = resp.StatusCode, resp.Header.Clone()
		}
	}
	return resp, err
}
