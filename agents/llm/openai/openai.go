// Package openai is the llm.Provider for OpenAI and for every server that
// speaks OpenAI's Chat Completions API (Ollama, vLLM, llama.cpp server, LM
// Studio), through the official SDK github.com/openai/openai-go/v3.
//
// Chat Completions (POST {base}/chat/completions) rather than the newer
// Responses API, because it is the one the compatible servers implement.
// One attempt per call: the SDK's own retries are off, llm.Client retries.
package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/param"
	"github.com/openai/openai-go/v3/shared"

	"github.com/mockroom/mockroom/agents/llm"
)

// DefaultBaseURL is OpenAI's own API.
const DefaultBaseURL = "https://api.openai.com/v1"

// noKey is sent as the bearer token to a compatible server when no key is
// configured: Ollama, llama.cpp server and LM Studio ignore it, and the
// header keeps the request shaped as the SDK expects.
const noKey = "no-key"

// Config says where the API is.
type Config struct {
	APIKey     string       // OPENAI_API_KEY; may be empty with a BaseURL (a local server)
	BaseURL    string       // OPENAI_BASE_URL, e.g. http://localhost:11434/v1 (Ollama); "": OpenAI
	HTTPClient *http.Client // nil: the SDK's default
}

var _ llm.Provider = (*Provider)(nil)

// Provider is the adapter.
type Provider struct {
	client openai.Client
	// limitField is the request field for the answer's length limit:
	// max_completion_tokens on OpenAI's own API (its reasoning models refuse
	// max_tokens), max_tokens on a compatible server (every one accepts it,
	// not all know the newer name).
	limitField string
}

// New builds a provider. OpenAI's own API needs a key; a compatible server
// named by BaseURL may not.
func New(cfg Config) (*Provider, error) {
	base := strings.TrimSpace(cfg.BaseURL)
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("openai: base URL %q must be an absolute http(s) URL such as http://localhost:11434/v1", cfg.BaseURL)
	}
	key := strings.TrimSpace(cfg.APIKey)
	official := isOpenAI(u)
	if key == "" {
		if official {
			return nil, errors.New("openai: an API key is required for api.openai.com")
		}
		key = noKey
	}
	opts := []option.RequestOption{
		option.WithBaseURL(strings.TrimRight(base, "/") + "/"),
		option.WithAPIKey(key),
		option.WithMaxRetries(0),
	}
	if cfg.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(cfg.HTTPClient))
	}
	p := &Provider{client: openai.NewClient(opts...), limitField: "max_tokens"}
	if official {
		p.limitField = "max_completion_tokens"
	}
	return p, nil
}

// Official reports whether baseURL is OpenAI's own API ("" included), as
// opposed to a compatible server with model names of its own.
func Official(baseURL string) bool {
	if strings.TrimSpace(baseURL) == "" {
		return true
	}
	u, err := url.Parse(strings.TrimSpace(baseURL))
	return err == nil && isOpenAI(u)
}

// isOpenAI reports whether u is OpenAI's own API.
func isOpenAI(u *url.URL) bool {
	h := strings.ToLower(u.Hostname())
	return h == "api.openai.com" || strings.HasSuffix(h, ".openai.com")
}

// Name implements llm.Provider.
func (p *Provider) Name() string { return llm.ProviderOpenAI }

func (p *Provider) params(req llm.Request) openai.ChatCompletionNewParams {
	msgs := make([]openai.ChatCompletionMessageParamUnion, 0, len(req.Messages)+2)
	if req.System != "" {
		msgs = append(msgs, openai.SystemMessage(req.System))
	}
	for _, m := range req.Conversation() {
		if m.Role == llm.RoleAssistant {
			msgs = append(msgs, openai.AssistantMessage(m.Text))
		} else {
			msgs = append(msgs, openai.UserMessage(m.Text))
		}
	}
	max := int64(req.MaxTokens)
	if max <= 0 {
		max = 1024
	}
	params := openai.ChatCompletionNewParams{Model: shared.ChatModel(req.Model), Messages: msgs}
	if p.limitField == "max_completion_tokens" {
		params.MaxCompletionTokens = param.NewOpt(max)
	} else {
		params.MaxTokens = param.NewOpt(max)
	}
	if req.Temperature != nil {
		params.Temperature = param.NewOpt(*req.Temperature)
	}
	if s := req.Schema; s != nil {
		js := shared.ResponseFormatJSONSchemaJSONSchemaParam{
			Name:   s.Name,
			Strict: param.NewOpt(true),
			Schema: s.JSON,
		}
		if s.Description != "" {
			js.Description = param.NewOpt(s.Description)
		}
		params.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{
			OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{JSONSchema: js},
		}
	}
	return params
}

// Complete implements llm.Provider.
func (p *Provider) Complete(ctx context.Context, req llm.Request, emit func(delta string)) (*llm.Response, error) {
	params := p.params(req)
	if emit != nil {
		return p.stream(ctx, params, emit)
	}
	c, err := p.client.Chat.Completions.New(ctx, params)
	if err != nil {
		return nil, classify(ctx, err)
	}
	resp := &llm.Response{Model: c.Model, Usage: llm.Usage{InputTokens: int(c.Usage.PromptTokens), OutputTokens: int(c.Usage.CompletionTokens)}}
	if len(c.Choices) == 0 {
		return resp, nil // empty: llm.Client marks it invalid
	}
	ch := c.Choices[0]
	resp.Text, resp.StopReason = ch.Message.Content, ch.FinishReason
	if err := refused(ch.Message.Refusal, ch.FinishReason); err != nil {
		return nil, err
	}
	return resp, nil
}

func (p *Provider) stream(ctx context.Context, params openai.ChatCompletionNewParams, emit func(string)) (*llm.Response, error) {
	params.StreamOptions = openai.ChatCompletionStreamOptionsParam{IncludeUsage: param.NewOpt(true)}
	s := p.client.Chat.Completions.NewStreaming(ctx, params)
	defer s.Close()
	var (
		resp     llm.Response
		text     strings.Builder
		refusal  strings.Builder
		finished bool
	)
	for s.Next() {
		c := s.Current()
		if c.Model != "" {
			resp.Model = c.Model
		}
		if c.JSON.Usage.Valid() {
			resp.Usage = llm.Usage{InputTokens: int(c.Usage.PromptTokens), OutputTokens: int(c.Usage.CompletionTokens)}
		}
		for _, ch := range c.Choices {
			if ch.Index != 0 {
				continue
			}
			refusal.WriteString(ch.Delta.Refusal)
			if d := ch.Delta.Content; d != "" {
				text.WriteString(d)
				emit(d)
			}
			if ch.FinishReason != "" {
				resp.StopReason, finished = ch.FinishReason, true
			}
		}
	}
	if err := s.Err(); err != nil {
		return nil, classify(ctx, err)
	}
	if err := refused(refusal.String(), resp.StopReason); err != nil {
		return nil, err
	}
	if !finished {
		if err := ctx.Err(); err != nil {
			return nil, classify(ctx, err)
		}
		// The connection closed before a finish_reason: a cut answer.
		return nil, &llm.Error{Provider: llm.ProviderOpenAI, Kind: llm.KindUnavailable, Err: errors.New("the stream ended before the answer was finished")}
	}
	resp.Text = text.String()
	return &resp, nil
}

// refused turns the model's refusal, or a content filter stop, into
// KindRefused.
func refused(refusal, finish string) error {
	if strings.TrimSpace(refusal) != "" {
		return &llm.Error{Provider: llm.ProviderOpenAI, Kind: llm.KindRefused, Err: fmt.Errorf("the model refused: %s", clip(refusal))}
	}
	if finish == "content_filter" {
		return &llm.Error{Provider: llm.ProviderOpenAI, Kind: llm.KindRefused, Err: errors.New("the answer was stopped by the content filter")}
	}
	return nil
}

// classify maps an SDK error to an *llm.Error.
func classify(ctx context.Context, err error) error {
	e := &llm.Error{Provider: llm.ProviderOpenAI, Err: err}
	var api *openai.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		e.Kind, e.Err = llm.KindTimeout, context.DeadlineExceeded
	case ctx.Err() != nil:
		// Cancelled by the caller: say so promptly, nothing to retry.
		e.Kind, e.Err = llm.KindUnavailable, ctx.Err()
	case errors.As(err, &api):
		e.Status = api.StatusCode
		if api.Response != nil {
			e.RetryAfter = llm.RetryAfter(api.Response.Header, time.Now())
		}
		switch {
		case api.StatusCode == http.StatusTooManyRequests:
			e.Kind = llm.KindRateLimited
		case api.StatusCode == http.StatusRequestTimeout:
			e.Kind = llm.KindTimeout
		case api.StatusCode == http.StatusConflict || api.StatusCode >= 500:
			e.Kind = llm.KindUnavailable
		default:
			e.Kind = llm.KindRequest
		}
		// The SDK's own message is only the status; the body says why.
		msg := api.Message
		if api.Code != "" {
			msg = api.Code + ": " + msg
		}
		if msg != "" {
			e.Err = fmt.Errorf("%w: %s", err, clip(msg))
		}
	default:
		// Connection refused or reset, a broken or malformed stream, an
		// error event inside the stream: the service is not answering well.
		e.Kind = llm.KindUnavailable
	}
	return e
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
