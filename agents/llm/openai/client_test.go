package openai

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	"github.com/mockroom/mockroom/agents/llm/llmtest"
)

// calls keeps what llm.Client records (the session store's role).
type calls struct {
	mu   sync.Mutex
	list []llm.Call
	fail bool
}

func (c *calls) RecordCall(_ context.Context, call llm.Call) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = append(c.list, call)
	if c.fail {
		return errors.New("database is locked")
	}
	return nil
}

var verdict = &llm.Schema{Name: "verdict", JSON: json.RawMessage(`{"type":"object","properties":{"score":{"type":"integer","minimum":0,"maximum":100}},"required":["score"],"additionalProperties":false}`)}

// TestClientThroughTheAdapter checks llm.Client's retries, validation and
// records against the OpenAI fake: a real provider, not a stub.
func TestClientThroughTheAdapter(t *testing.T) {
	text := func(s string, in, out int) llmtest.Answer {
		return llmtest.Answer{Kind: llmtest.AnswerText, Text: s, InputTokens: in, OutputTokens: out}
	}
	cases := []struct {
		name     string
		answers  []llmtest.Answer
		schema   bool
		prices   string // LLM_PRICES laid over the defaults
		recFails bool
		wantText string
		wantErr  llm.ErrorKind
		want     llm.Call // the fields compared: model, tokens, cost, attempts, outcome, error
		minMS    int64
	}{
		{name: "one good answer", answers: []llmtest.Answer{text("Sounds good.", 1000, 500)}, wantText: "Sounds good.",
			// gpt-4o-mini at $0.15 / $0.60 per million tokens, found by the prefix of the answering model's name.
			want: llm.Call{Model: "gpt-4o-mini-2025-01-01", InputTokens: 1000, OutputTokens: 500, CostMicroUSD: 450, Attempts: 1, Outcome: "ok"}},
		{name: "operator prices", answers: []llmtest.Answer{text("ok", 2000, 1000)}, prices: "gpt-4o-mini=1/2", wantText: "ok",
			want: llm.Call{Model: "gpt-4o-mini-2025-01-01", InputTokens: 2000, OutputTokens: 1000, CostMicroUSD: 4000, Attempts: 1, Outcome: "ok"}},
		{name: "429 then an answer", answers: []llmtest.Answer{{Kind: llmtest.AnswerRateLimited, RetryAfter: time.Second}, text("ok", 10, 1)},
			wantText: "ok", minMS: 50, // Retry-After 1 s, capped by MaxBackoff 50 ms
			want: llm.Call{Model: "gpt-4o-mini-2025-01-01", InputTokens: 10, OutputTokens: 1, CostMicroUSD: 2, Attempts: 2, Outcome: "ok"}},
		{name: "every attempt fails", answers: []llmtest.Answer{{Kind: llmtest.AnswerServerError}, {Kind: llmtest.AnswerServerError}, {Kind: llmtest.AnswerServerError}},
			wantErr: llm.KindUnavailable,
			want:    llm.Call{Model: "gpt-4o-mini", Attempts: 3, Outcome: "error", Error: "unavailable"}},
		{name: "schema violation then a valid answer: both attempts' tokens are paid", schema: true,
			answers:  []llmtest.Answer{text(`{"score": 101}`, 100, 10), text("```json\n{\"score\": 64}\n```", 100, 10)},
			wantText: `{"score": 64}`,
			want:     llm.Call{Model: "gpt-4o-mini-2025-01-01", InputTokens: 200, OutputTokens: 20, CostMicroUSD: 42, Attempts: 2, Outcome: "ok"}},
		{name: "garbage twice: one retry only", schema: true,
			answers: []llmtest.Answer{text("Here you go!", 100, 10), text("Here you go!", 100, 10), text(`{"score": 1}`, 1, 1)},
			wantErr: llm.KindInvalid,
			want:    llm.Call{Model: "gpt-4o-mini", InputTokens: 200, OutputTokens: 20, CostMicroUSD: 42, Attempts: 2, Outcome: "error", Error: "invalid"}},
		{name: "an empty answer is invalid", answers: []llmtest.Answer{text("", 5, 0), text("  ", 5, 0)},
			wantErr: llm.KindInvalid,
			want:    llm.Call{Model: "gpt-4o-mini", InputTokens: 10, CostMicroUSD: 2, Attempts: 2, Outcome: "error", Error: "invalid"}},
		{name: "a refusal is final", answers: []llmtest.Answer{{Kind: llmtest.AnswerRefusal, Text: "I can't help with that."}, text("never", 1, 1)},
			wantErr: llm.KindRefused,
			want:    llm.Call{Model: "gpt-4o-mini", Attempts: 1, Outcome: "error", Error: "refused"}},
		{name: "a lost record keeps the answer", answers: []llmtest.Answer{text("kept", 1, 1)}, recFails: true, wantText: "kept",
			want: llm.Call{Model: "gpt-4o-mini-2025-01-01", InputTokens: 1, OutputTokens: 1, CostMicroUSD: 1, Attempts: 1, Outcome: "ok"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeWith(t, "sk-test")
			f.Queue(tc.answers...)
			prices, err := llm.ParsePrices(tc.prices, llm.DefaultPrices())
			if err != nil {
				t.Fatal(err)
			}
			rec := &calls{fail: tc.recFails}
			c := llm.NewClient(f.p, rec, nil, llm.ClientConfig{Attempts: 3, AttemptTimeout: 2 * time.Second, MaxBackoff: 50 * time.Millisecond, Prices: prices})
			r := req()
			r.SessionID = "sess-1"
			if tc.schema {
				r.Schema = verdict
			}
			resp, err := c.Complete(context.Background(), r, nil)
			if tc.wantErr != "" {
				if llm.KindOf(err) != tc.wantErr {
					t.Fatalf("err %v, want %s", err, tc.wantErr)
				}
			} else if err != nil || resp.Text != tc.wantText {
				t.Fatalf("resp %+v err %v", resp, err)
			}
			if len(rec.list) != 1 {
				t.Fatalf("%d records", len(rec.list))
			}
			got := rec.list[0]
			if got.SessionID != "sess-1" || got.Agent != llm.AgentObserver || got.Provider != "openai" || got.At.IsZero() || got.LatencyMS < tc.minMS {
				t.Errorf("record %+v", got)
			}
			cmp := llm.Call{Model: got.Model, InputTokens: got.InputTokens, OutputTokens: got.OutputTokens, CostMicroUSD: got.CostMicroUSD,
				Attempts: got.Attempts, Outcome: got.Outcome, Error: got.Error}
			if cmp != tc.want {
				t.Errorf("record\n got %+v\nwant %+v", cmp, tc.want)
			}
			if err == nil && resp.Usage != (llm.Usage{InputTokens: got.InputTokens, OutputTokens: got.OutputTokens}) {
				t.Errorf("the response's usage %+v differs from the record", resp.Usage)
			}
		})
	}
}

func TestClientDoesNotRetryABadKey(t *testing.T) {
	f := newFakeWith(t, "sk-wrong")
	f.push(raw(func(w http.ResponseWriter) {
		writeError(w, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.")
	}))
	rec := &calls{}
	c := llm.NewClient(f.p, rec, nil, llm.ClientConfig{MaxBackoff: 10 * time.Millisecond})
	_, err := c.Complete(context.Background(), req(), nil)
	if llm.KindOf(err) != llm.KindRequest || len(f.wire()) != 1 || rec.list[0].Error != "request" {
		t.Fatalf("err %v after %d requests, record %+v", err, len(f.wire()), rec.list)
	}
}

// A failed first attempt may have streamed words; later attempts run
// silently and the finished answer replaces them.
func TestClientStreamsTheFirstAttemptOnly(t *testing.T) {
	f := newFakeWith(t, "k")
	f.push(func(w http.ResponseWriter, _ *http.Request, _ wireRequest) {
		w.Header().Set("Content-Type", "text/event-stream")
		writeEvent(w, chunk("m", map[string]any{"content": "Half an "}, nil))
		// The connection ends without a finish_reason or [DONE].
	})
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerText, Text: "A whole answer arrives later.", InputTokens: 3, OutputTokens: 6})
	c := llm.NewClient(f.p, nil, nil, llm.ClientConfig{MaxBackoff: 10 * time.Millisecond})
	var shown string
	resp, err := c.Complete(context.Background(), req(), func(d string) { shown += d })
	if err != nil || resp.Text != "A whole answer arrives later." {
		t.Fatalf("%+v %v", resp, err)
	}
	if shown != "Half an " {
		t.Fatalf("streamed %q", shown)
	}
	w := f.wire()
	if len(w) != 2 || !w[0].Stream || w[1].Stream {
		t.Fatalf("%d requests; the first must stream, the retry not", len(w))
	}
}

func TestClientStopsWhenTheCallerGivesUp(t *testing.T) {
	f := newFakeWith(t, "k")
	f.Queue(llmtest.Answer{Kind: llmtest.AnswerRateLimited, RetryAfter: 30 * time.Second}, llmtest.Answer{Kind: llmtest.AnswerText, Text: "too late"})
	rec := &calls{}
	c := llm.NewClient(f.p, rec, nil, llm.ClientConfig{MaxBackoff: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Complete(ctx, req(), nil)
	if err == nil || time.Since(start) > 5*time.Second || len(f.wire()) != 1 {
		t.Fatalf("err %v after %v and %d requests", err, time.Since(start), len(f.wire()))
	}
	if len(rec.list) != 1 || rec.list[0].Outcome != "error" {
		t.Fatalf("records %+v", rec.list)
	}
}

func TestClientRefusesBadRequestsBeforeCalling(t *testing.T) {
	cases := []struct {
		name   string
		schema *llm.Schema
		json   bool // CompleteJSON rather than Complete
	}{
		{"a schema that is not JSON", &llm.Schema{Name: "broken", JSON: json.RawMessage(`{"type":`)}, false},
		{"a schema that does not compile", &llm.Schema{Name: "odd", JSON: json.RawMessage(`{"type":"no-such-type"}`)}, false},
		{"CompleteJSON without a schema", nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeWith(t, "k")
			c := llm.NewClient(f.p, nil, nil, llm.ClientConfig{})
			r := req()
			r.Schema = tc.schema
			var err error
			if tc.json {
				var out any
				_, err = c.CompleteJSON(context.Background(), r, &out)
			} else {
				_, err = c.Complete(context.Background(), r, nil)
			}
			if llm.KindOf(err) != llm.KindRequest || len(f.wire()) != 0 {
				t.Fatalf("err %v after %d requests", err, len(f.wire()))
			}
		})
	}
}
