// Package anthropic is the llm.Provider for Anthropic's Messages API
// through the official SDK, github.com/anthropics/anthropic-sdk-go/v2.
//
// What goes on the wire: POST /v1/messages with the API key (SDK v2 sends
// it as "Authorization: Bearer", the form of API version 2026-10-21, where
// older clients used x-api-key) and the anthropic-version header; req.System as the system
// parameter (never as a turn), req.Conversation() as messages with the
// roles user and assistant, max_tokens and the model; "stream": true when
// the caller streams, read as the documented SSE events (message_start,
// content_block_start, content_block_delta, message_delta, message_stop,
// ping, and error mid-stream).
//
// Structured output uses the API's native feature, output_config.format
// {"type":"json_schema","schema":...} (generally available, no beta header
// in SDK v2), rather than a forced tool: the answer comes back as ordinary
// text, so streaming, refusals and usage work as for free text. The API
// accepts only a subset of JSON Schema, so the schema goes through the SDK's
// own transformation first (unsupported keywords such as minimum/maximum
// move into the description, objects get additionalProperties false);
// llm.Client still validates the answer against the full schema.
//
// One attempt per call: the SDK's retries are off (option.WithMaxRetries(0))
// so llm.Client's bounded retries are the only ones, and the SDK reads
// nothing from the environment (ANTHROPIC_BASE_URL and friends): cmd/mockroom
// passes the configuration in.
package anthropic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	sdk "github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"

	"github.com/mockroom/mockroom/agents/llm"
)

// DefaultBaseURL is Anthropic's API.
const DefaultBaseURL = "https://api.anthropic.com/"

const defaultMaxTokens = 1024

// Config configures the adapter.
type Config struct {
	APIKey     string       // ANTHROPIC_API_KEY
	BaseURL    string       // "" for DefaultBaseURL; tests point it at a fake
	HTTPClient *http.Client // nil for a plain client
}

// Provider talks to Anthropic.
type Provider struct {
	client sdk.Client
	now    func() time.Time
}

var _ llm.Provider = (*Provider)(nil)

// New returns a Provider for the Messages API.
func New(cfg Config) *Provider {
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	return &Provider{
		client: sdk.NewClient(
			option.WithoutEnvironmentDefaults(),
			option.WithAPIKey(cfg.APIKey),
			option.WithBaseURL(base),
			option.WithHTTPClient(hc),
			option.WithMaxRetries(0),
		),
		now: time.Now,
	}
}

// Name is "anthropic".
func (p *Provider) Name() string { return llm.ProviderAnthropic }

// Complete makes one Messages API call, streamed when emit is not nil.
func (p *Provider) Complete(ctx context.Context, req llm.Request, emit func(delta string)) (*llm.Response, error) {
	params, err := params(req)
	if err != nil {
		return nil, &llm.Error{Provider: llm.ProviderAnthropic, Kind: llm.KindRequest, Err: err}
	}
	if emit == nil {
		if _, err := sdk.CalculateNonStreamingTimeout(int(params.MaxTokens), params.Model, nil); err != nil {
			// The SDK refuses a long answer without streaming (it could outlast
			// the HTTP timeouts on the way); stream it and keep it to ourselves.
			return p.stream(ctx, params, func(string) {})
		}
		msg, err := p.client.Messages.New(ctx, params)
		if err != nil {
			return nil, p.classify(ctx, err)
		}
		return response(msg)
	}
	return p.stream(ctx, params, emit)
}

// stream makes the call with "stream": true, passing each text delta to emit.
func (p *Provider) stream(ctx context.Context, params sdk.MessageNewParams, emit func(string)) (*llm.Response, error) {
	stream := p.client.Messages.NewStreaming(ctx, params)
	defer stream.Close()
	var (
		msg     sdk.Message
		stopped bool
	)
	for stream.Next() {
		ev := stream.Current()
		if err := msg.Accumulate(ev); err != nil {
			return nil, &llm.Error{Provider: llm.ProviderAnthropic, Kind: llm.KindUnavailable, Err: fmt.Errorf("malformed stream: %w", err)}
		}
		switch ev.Type {
		case "content_block_delta":
			if ev.Delta.Type == "text_delta" && ev.Delta.Text != "" {
				emit(ev.Delta.Text)
			}
		case "message_stop":
			stopped = true
		}
	}
	if err := stream.Err(); err != nil {
		return nil, p.classify(ctx, err)
	}
	if !stopped {
		// A connection cut mid-answer ends the SSE body cleanly; without
		// message_stop the text may be half a sentence (or half a JSON value).
		if ctx.Err() != nil {
			return nil, p.classify(ctx, ctx.Err())
		}
		return nil, &llm.Error{Provider: llm.ProviderAnthropic, Kind: llm.KindUnavailable, Err: errors.New("the stream ended before message_stop")}
	}
	return response(&msg)
}

// params builds the request body.
func params(req llm.Request) (sdk.MessageNewParams, error) {
	maxTokens := req.MaxTokens
	if maxTokens <= 0 {
		maxTokens = defaultMaxTokens
	}
	p := sdk.MessageNewParams{
		Model:     sdk.Model(req.Model),
		MaxTokens: int64(maxTokens),
		Messages:  messages(req.Conversation()),
	}
	if req.System != "" {
		p.System = []sdk.TextBlockParam{{Text: req.System}}
	}
	// req.Temperature is not sent: the v2 Messages API has no temperature
	// parameter any more (the SDK dropped it with the API's deprecation).
	if req.Schema != nil {
		var schema map[string]any
		if err := json.Unmarshal(req.Schema.JSON, &schema); err != nil || schema == nil {
			return p, fmt.Errorf("schema %s is not a JSON object: %v", req.Schema.Name, err)
		}
		if _, ok := schema["description"]; !ok && req.Schema.Description != "" {
			schema["description"] = req.Schema.Description
		}
		p.OutputConfig = sdk.OutputConfigParam{Format: sdk.JSONOutputFormatParam{Schema: supported(schema)}}
	}
	return p, nil
}

// supported rewrites schema into the subset the API accepts. The SDK's
// transformation is exported only through its beta helper; the schema it
// produces is the same for the generally available output_config.format.
func supported(schema map[string]any) map[string]any {
	if s, ok := sdk.BetaJSONSchemaOutputFormat(schema).Schema.(map[string]any); ok && s != nil {
		return s
	}
	return schema
}

// messages turns the conversation into Messages API turns. A final
// assistant turn would be taken as a prefill for the model to continue (and
// recent models refuse prefills), so the model is asked for its next turn.
func messages(turns []llm.Message) []sdk.MessageParam {
	out := make([]sdk.MessageParam, 0, len(turns)+1)
	for _, m := range turns {
		if m.Role == llm.RoleAssistant {
			out = append(out, sdk.NewAssistantMessage(sdk.NewTextBlock(m.Text)))
		} else {
			out = append(out, sdk.NewUserMessage(sdk.NewTextBlock(m.Text)))
		}
	}
	if n := len(turns); n > 0 && turns[n-1].Role == llm.RoleAssistant {
		out = append(out, sdk.NewUserMessage(sdk.NewTextBlock("(Your turn.)")))
	}
	return out
}

// response reads a finished message: its text blocks, usage and stop
// reason; stop_reason "refusal" is the API's own way of declining.
func response(msg *sdk.Message) (*llm.Response, error) {
	var text strings.Builder
	for _, b := range msg.Content {
		if b.Type == "text" {
			text.WriteString(b.Text)
		}
	}
	if msg.StopReason == sdk.StopReasonRefusal {
		why := "the model declined (stop_reason refusal)"
		if d := msg.StopDetails; d.Category != "" || d.Explanation != "" {
			why += fmt.Sprintf(": %s %s", d.Category, d.Explanation)
		}
		return nil, &llm.Error{Provider: llm.ProviderAnthropic, Kind: llm.KindRefused, Err: errors.New(strings.TrimSpace(why))}
	}
	u := msg.Usage
	return &llm.Response{
		Text:  text.String(),
		Model: string(msg.Model),
		// Cached prompt tokens are counted apart from input_tokens; they were read all the same.
		Usage:      llm.Usage{InputTokens: int(u.InputTokens + u.CacheCreationInputTokens + u.CacheReadInputTokens), OutputTokens: int(u.OutputTokens)},
		StopReason: string(msg.StopReason),
	}, nil
}

// classify turns an SDK or transport error into an *llm.Error. A cancelled
// context is returned as it is, so the caller stops at once.
func (p *Provider) classify(ctx context.Context, err error) error {
	switch ctx.Err() {
	case context.DeadlineExceeded:
		return &llm.Error{Provider: llm.ProviderAnthropic, Kind: llm.KindTimeout, Err: err}
	case context.Canceled:
		return ctx.Err()
	}
	e := &llm.Error{Provider: llm.ProviderAnthropic, Kind: llm.KindUnavailable, Err: err}
	var api *sdk.Error
	if errors.As(err, &api) {
		if api.StatusCode >= 400 {
			e.Status = api.StatusCode
			e.Kind = kindOfStatus(api.StatusCode)
			if e.Kind == llm.KindRateLimited && api.Response != nil {
				e.RetryAfter = llm.RetryAfter(api.Response.Header, p.now())
			}
			return e
		}
		// An error event inside a 200 stream: only its type says what happened.
		e.Kind = kindOfType(string(api.Type()))
		return e
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		e.Kind = llm.KindTimeout
	}
	return e
}

func kindOfStatus(status int) llm.ErrorKind {
	switch {
	case status == http.StatusTooManyRequests:
		return llm.KindRateLimited
	case status == http.StatusRequestTimeout:
		return llm.KindTimeout
	case status >= 500: // 529 is Anthropic's "overloaded"
		return llm.KindUnavailable
	}
	return llm.KindRequest
}

// kindOfType classifies the documented error types
// (https://docs.anthropic.com/en/api/errors).
func kindOfType(t string) llm.ErrorKind {
	switch t {
	case "rate_limit_error":
		return llm.KindRateLimited
	case "overloaded_error", "api_error", "timeout_error", "":
		return llm.KindUnavailable
	}
	return llm.KindRequest // invalid_request_error, authentication_error, permission_error, not_found_error, ...
}
