package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mockroom/mockroom/governance/redact"
)

// Call is the record of one completion, kept on the session for its cost.
type Call struct {
	SessionID    string    `json:"session_id,omitempty"`
	Agent        string    `json:"agent"`
	Provider     string    `json:"provider"`
	Model        string    `json:"model"`
	InputTokens  int       `json:"input_tokens"`
	OutputTokens int       `json:"output_tokens"`
	LatencyMS    int64     `json:"latency_ms"`
	CostMicroUSD int64     `json:"cost_micro_usd"` // millionths of a dollar, from the price table
	Attempts     int       `json:"attempts"`
	Outcome      string    `json:"outcome" enum:"ok,error"` // error: every attempt failed (the caller fell back)
	Error        string    `json:"error,omitempty"`         // the last error's kind
	At           time.Time `json:"at"`
}

// Recorder stores call records (the store, on the session).
type Recorder interface {
	RecordCall(ctx context.Context, c Call) error
}

// ClientConfig tunes a Client; zero values take the defaults.
type ClientConfig struct {
	Attempts       int           // tries per call, first included (3)
	AttemptTimeout time.Duration // one try's longest wait (LLM_TIMEOUT, 30 s)
	MaxBackoff     time.Duration // the longest pause between tries, Retry-After included (10 s)
	Prices         Prices        // cost per model; nil: DefaultPrices
}

// Client is what the agents call: a Provider with bounded retries, answers
// checked against the request's Schema, and every call recorded with its
// tokens, latency and cost. When every attempt fails it returns the last
// *Error and the agent falls back to its offline engine for that turn.
type Client struct {
	p        Provider
	rec      Recorder
	log      *slog.Logger
	cfg      ClientConfig
	sleep    func(ctx context.Context, d time.Duration) error
	now      func() time.Time
	mu       sync.Mutex
	compiled map[string]*jsonschema.Schema
}

// NewClient wraps p. rec may be nil (nothing recorded).
func NewClient(p Provider, rec Recorder, log *slog.Logger, cfg ClientConfig) *Client {
	if cfg.Attempts <= 0 {
		cfg.Attempts = 3
	}
	if cfg.AttemptTimeout <= 0 {
		cfg.AttemptTimeout = 30 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 10 * time.Second
	}
	if cfg.Prices == nil {
		cfg.Prices = DefaultPrices()
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Client{p: p, rec: rec, log: log, cfg: cfg, sleep: sleepCtx, now: time.Now, compiled: map[string]*jsonschema.Schema{}}
}

// Provider names the service behind the client.
func (c *Client) Provider() string { return c.p.Name() }

// Complete runs req with retries. emit streams the first attempt only: if it
// fails after text was shown, later attempts run silently and the finished
// line replaces what was streamed.
func (c *Client) Complete(ctx context.Context, req Request, emit func(delta string)) (*Response, error) {
	start := c.now()
	req = Minimise(req)
	var validate *jsonschema.Schema
	if req.Schema != nil {
		s, err := c.schema(req.Schema)
		if err != nil {
			return nil, &Error{Provider: c.p.Name(), Kind: KindRequest, Err: err}
		}
		validate = s
	}
	var (
		resp     *Response
		err      error
		attempts int
		usage    Usage
	)
	for attempts = 1; attempts <= c.cfg.Attempts; attempts++ {
		var e func(string)
		if emit != nil && attempts == 1 {
			e = emit
		}
		actx, cancel := context.WithTimeout(ctx, c.cfg.AttemptTimeout)
		resp, err = c.p.Complete(actx, req, e)
		timedOut := actx.Err() != nil && ctx.Err() == nil
		cancel()
		if err == nil {
			usage.InputTokens += resp.Usage.InputTokens
			usage.OutputTokens += resp.Usage.OutputTokens
			err = check(c.p.Name(), req, resp, validate)
		} else if timedOut && KindOf(err) != KindTimeout {
			err = &Error{Provider: c.p.Name(), Kind: KindTimeout, Err: err}
		}
		if err == nil {
			break
		}
		var le *Error
		if !errors.As(err, &le) {
			le = &Error{Provider: c.p.Name(), Kind: KindOf(err), Err: err}
			err = le
		}
		c.log.WarnContext(ctx, "model call failed", "provider", c.p.Name(), "model", req.Model, "agent", req.Agent,
			"attempt", attempts, "kind", le.Kind, "status", le.Status, "err", le.Err)
		if !le.Retryable() || attempts == c.cfg.Attempts || ctx.Err() != nil {
			break
		}
		// Invalid answers get one more try, not the whole budget.
		if le.Kind == KindInvalid && attempts >= 2 {
			break
		}
		wait := le.RetryAfter
		if wait <= 0 {
			wait = time.Duration(250<<(attempts-1)) * time.Millisecond
		}
		if wait > c.cfg.MaxBackoff {
			wait = c.cfg.MaxBackoff
		}
		if c.sleep(ctx, wait) != nil {
			break
		}
	}
	if attempts > c.cfg.Attempts {
		attempts = c.cfg.Attempts
	}
	call := Call{SessionID: req.SessionID, Agent: req.Agent, Provider: c.p.Name(), Model: req.Model,
		InputTokens: usage.InputTokens, OutputTokens: usage.OutputTokens, LatencyMS: c.now().Sub(start).Milliseconds(),
		Attempts: attempts, Outcome: "ok", At: start}
	if err == nil && resp.Model != "" {
		call.Model = resp.Model
	}
	call.CostMicroUSD = c.cfg.Prices.Cost(call.Model, usage)
	if err != nil {
		call.Outcome, call.Error = "error", string(KindOf(err))
	}
	if c.rec != nil {
		// A lost record must not lose the answer.
		if rerr := c.rec.RecordCall(context.WithoutCancel(ctx), call); rerr != nil {
			c.log.WarnContext(ctx, "recording a model call failed", "err", rerr)
		}
	}
	if err != nil {
		return nil, err
	}
	resp.Usage = usage
	return resp, nil
}

// CompleteJSON runs req (which must carry a Schema) and decodes the
// validated answer into out.
func (c *Client) CompleteJSON(ctx context.Context, req Request, out any) (*Response, error) {
	if req.Schema == nil {
		return nil, &Error{Provider: c.p.Name(), Kind: KindRequest, Err: errors.New("CompleteJSON needs a Schema")}
	}
	resp, err := c.Complete(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(resp.Text), out); err != nil {
		return nil, &Error{Provider: c.p.Name(), Kind: KindInvalid, Err: err}
	}
	return resp, nil
}

// check refuses an empty answer and, with a schema, one that is not JSON
// valid against it.
func check(provider string, req Request, resp *Response, s *jsonschema.Schema) error {
	if strings.TrimSpace(resp.Text) == "" {
		return &Error{Provider: provider, Kind: KindInvalid, Err: errors.New("empty answer")}
	}
	if s == nil {
		return nil
	}
	text := strings.TrimSpace(resp.Text)
	// Some models wrap JSON in a Markdown fence despite being told not to.
	if strings.HasPrefix(text, "```") {
		text = strings.TrimPrefix(strings.TrimPrefix(text, "```json"), "```")
		text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "```"))
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(text)))
	if err != nil {
		return &Error{Provider: provider, Kind: KindInvalid, Err: fmt.Errorf("answer is not JSON: %w", err)}
	}
	if err := s.Validate(v); err != nil {
		return &Error{Provider: provider, Kind: KindInvalid, Err: fmt.Errorf("answer does not match schema %s: %v", req.Schema.Name, err)}
	}
	resp.Text = text
	return nil
}

func (c *Client) schema(s *Schema) (*jsonschema.Schema, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := s.Name + "\x00" + string(s.JSON)
	if v, ok := c.compiled[key]; ok {
		return v, nil
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s.JSON))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", s.Name, err)
	}
	comp := jsonschema.NewCompiler()
	url := "mem://" + s.Name + ".json"
	if err := comp.AddResource(url, doc); err != nil {
		return nil, err
	}
	v, err := comp.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", s.Name, err)
	}
	c.compiled[key] = v
	return v, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// proseData are the Data pieces that hold what people said (the rest is
// code, measurements and our own structured notes).
var proseData = map[string]bool{"transcript": true, "conversation": true, "chat": true}

// Minimise removes e-mail addresses, phone numbers and self-introduced
// names from what people said (the turns and the transcript) before a
// request leaves for a provider (seed section 7: PII minimisation). Stored
// transcripts are already redacted with the user's own name as well
// (interview); this is the second wall for whatever reaches a prompt by
// another way. Code is left as it is.
func Minimise(req Request) Request {
	if len(req.Messages) > 0 {
		msgs := make([]Message, len(req.Messages))
		for i, m := range req.Messages {
			msgs[i] = Message{Role: m.Role, Text: redact.Text(m.Text)}
		}
		req.Messages = msgs
	}
	if len(req.Data) > 0 {
		data := make([]Data, len(req.Data))
		for i, d := range req.Data {
			if proseData[d.Name] {
				d.Content = redact.Text(d.Content)
			}
			data[i] = d
		}
		req.Data = data
	}
	return req
}
