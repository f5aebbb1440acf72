// Package llm is the port through which the agents (interviewer, observer,
// evaluator) talk to a chat model: one request shape with streaming and
// structured (JSON-schema) output, implemented by the adapters in openai/,
// anthropic/ and gemini/, and wrapped by Client with bounded retries,
// answer validation, cost and usage records.
//
// The rule that keeps prompt injection harmless: our instructions go in
// System; anything a candidate wrote (code, chat, names) goes in Data or in
// Messages, never in System. Adapters send System through the provider's
// system channel and Conversation() as the turns.
package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Roles of a conversation turn.
const (
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// Agents, as recorded on each call.
const (
	AgentInterviewer = "interviewer"
	AgentObserver    = "observer"
	AgentEvaluator   = "evaluator"
)

// Message is one turn. A user turn carries candidate material and is data.
type Message struct {
	Role string // RoleUser or RoleAssistant
	Text string
}

// Data is one named piece of candidate material (their code, the
// transcript, the test results). Conversation() renders it inside a
// delimited data section that the instructions tell the model to treat as
// data only.
type Data struct {
	Name    string // short label: "code", "transcript", "test_results"
	Content string
}

// Schema asks for structured output: the answer is one JSON value that
// validates against JSON (a JSON Schema object, draft 2020-12 subset that
// every provider accepts: type, properties, required, items, enum,
// additionalProperties false, minimum/maximum).
type Schema struct {
	Name        string // identifier: letters, digits, _ and - (OpenAI's rule)
	Description string
	JSON        json.RawMessage
}

// Request is one completion.
type Request struct {
	Agent       string // AgentInterviewer, AgentObserver or AgentEvaluator (for records)
	SessionID   string // for records; "" when there is none (mockroom evaluate)
	Model       string
	System      string // our instructions, never candidate text
	Data        []Data
	Messages    []Message
	Schema      *Schema // nil: free text
	MaxTokens   int     // 0: the adapter's default (1024)
	Temperature *float64
}

// Usage counts tokens as the provider reported them.
type Usage struct {
	InputTokens  int `json:"input_tokens"`
	OutputTokens int `json:"output_tokens"`
}

// Response is a finished completion. With a Schema, Text is the JSON.
type Response struct {
	Text       string
	Model      string // the model that answered, as the provider names it
	Usage      Usage
	StopReason string // the provider's own word: "stop", "end_turn", "max_tokens", "length"...
}

// Provider is one model service. Complete streams when emit is not nil
// (emit gets each text delta as it arrives; with a Schema the deltas are
// raw JSON and callers usually pass nil) and returns the whole answer.
// Adapters make one attempt (their SDK's own retries off) and report
// failures as *Error so that Client can decide what to retry.
type Provider interface {
	Name() string // "openai", "anthropic", "gemini"
	Complete(ctx context.Context, req Request, emit func(delta string)) (*Response, error)
}

// Error is a failed call, classified by the adapter.
type Error struct {
	Provider   string
	Status     int           // HTTP status, 0 for transport errors and timeouts
	RetryAfter time.Duration // from Retry-After (or the provider's own hint), 0 when absent
	Kind       ErrorKind
	Err        error
}

// ErrorKind says what went wrong, and so whether to try again.
type ErrorKind string

const (
	KindRateLimited ErrorKind = "rate_limited" // 429: retry after RetryAfter
	KindUnavailable ErrorKind = "unavailable"  // 5xx, 529 overloaded, connection reset: retry
	KindTimeout     ErrorKind = "timeout"      // the deadline passed: retry while time is left
	KindRefused     ErrorKind = "refused"      // the model declined (OpenAI refusal, a safety block): no retry
	KindInvalid     ErrorKind = "invalid"      // the answer is not what was asked (bad JSON, schema violation, empty): retry once
	KindRequest     ErrorKind = "request"      // 4xx other than 429 (bad key, bad model): no retry
)

func (e *Error) Error() string {
	s := fmt.Sprintf("llm %s: %s", e.Provider, e.Kind)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Retryable reports whether another attempt may succeed.
func (e *Error) Retryable() bool {
	switch e.Kind {
	case KindRateLimited, KindUnavailable, KindTimeout, KindInvalid:
		return true
	}
	return false
}

// KindOf returns the kind of err, KindUnavailable for an unclassified error.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return KindTimeout
	}
	return KindUnavailable
}

// RetryAfter reads how long a server asks us to wait, as every provider
// sends it: retry-after-ms first (milliseconds), then Retry-After (seconds
// or an HTTP date). 0 when absent or unreadable.
func RetryAfter(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	if v := strings.TrimSpace(h.Get("retry-after-ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
