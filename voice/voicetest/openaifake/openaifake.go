// Package openaifake is a loopback OpenAI Realtime server (the GA
// interface over WebSocket) for tests and benchmarks. It speaks the wire
// protocol of /work/shared/reference/realtime-voice.md §1 and follows the
// checklist of §1.10: key checks at the upgrade, the retired beta interface
// refused with close 4000, session.update validated and merged, an energy
// VAD over the appended PCM, answers streamed faster than real time,
// barge-in, truncation, the one-active-response rule and the session limit.
// Its model is voicetest's Brain, so every provider's fake answers alike.
//
// It is a non-test package so that other packages' tests and benchmarks
// can run a realistic provider; it keeps per-frame work allocation-light
// and starts no goroutine per frame (one reader per connection and one per
// streaming answer).
package openaifake

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice/voicetest"
)

// DefaultKey is the API key a fake accepts when Options.Key is empty.
const DefaultKey = "sk-openaifake"

// Options configure a Fake; zero values take the defaults.
type Options struct {
	Key string // the API key it accepts (DefaultKey)
	// Script is what the candidate's utterances transcribe to, in order,
	// across every connection of the fake (a reconnected session goes on
	// with the next line).
	Script []string
	// Pace is how many times faster than real time answers stream (4).
	Pace float64
	// SessionLimit ends each session after this long with session_expired
	// and close 1001, as the real 60-minute limit does (0: no limit).
	SessionLimit time.Duration
	// FailWith is an error code the next session.update gets instead of
	// session.updated (e.g. "insufficient_quota"); it fires once.
	FailWith string
	// DeltaMS is how much audio each output_audio.delta carries (100); a
	// benchmark asks for 20, the browser's frame.
	DeltaMS int

	// For benchmarks, which time each frame's trip through a relay:
	// MarkDelta may write into each audio delta's PCM (a private copy)
	// just before it is sent, and OnAppend sees each appended chunk of
	// candidate audio as it arrives, before anything else. Neither may
	// keep pcm. Both run on the connection's goroutines: keep them cheap.
	MarkDelta func(pcm []byte)
	OnAppend  func(pcm []byte)
}

// Truncation is one conversation.item.truncate the fake accepted.
type Truncation struct {
	ItemID     string
	AudioEndMS int
	SentMS     int // how much of the item's audio had been sent
}

// Fake is a running server. Its methods are safe for concurrent use.
type Fake struct {
	opts  Options
	srv   *httptest.Server
	brain *voicetest.Brain

	ids      atomic.Int64
	open     atomic.Int64
	frames   atomic.Int64
	sessions atomic.Int64

	mu           sync.Mutex
	conns        map[*session]struct{}
	instructions string
	context      []string
	failWith     string
	errors       []string
	truncations  []Truncation
	speech       map[string][]byte // answer audio by text: answers repeat across sessions
}

var _ voicetest.Fake = (*Fake)(nil)

// New starts a fake on a loopback port.
func New(opts Options) *Fake {
	if opts.Key == "" {
		opts.Key = DefaultKey
	}
	if opts.Pace <= 0 {
		opts.Pace = 4
	}
	if opts.DeltaMS <= 0 {
		opts.DeltaMS = 100
	}
	f := &Fake{
		opts:     opts,
		brain:    &voicetest.Brain{Script: opts.Script},
		conns:    map[*session]struct{}{},
		failWith: opts.FailWith,
		speech:   map[string][]byte{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/realtime", f.serve)
	f.srv = httptest.NewServer(mux)
	return f
}

// URL is the API base to give a client (Config.BaseURL): http://127.0.0.1:port/v1.
func (f *Fake) URL() string { return f.srv.URL + "/v1" }

// Close cuts every connection and stops the server.
func (f *Fake) Close() {
	f.DropAll()
	f.srv.Close()
}

// DropAll cuts every open connection as a crash would: no close frame.
func (f *Fake) DropAll() {
	f.mu.Lock()
	conns := make([]*session, 0, len(f.conns))
	for s := range f.conns {
		conns = append(conns, s)
	}
	f.mu.Unlock()
	for _, s := range conns {
		s.c.CloseNow()
	}
}

// Instructions is the newest instruction text any session was given.
func (f *Fake) Instructions() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.instructions
}

// Context lists the texts of the conversation items clients created
// (replayed history, notes), in order.
func (f *Fake) Context() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.context)
}

// Connections is how many connections are open now.
func (f *Fake) Connections() int { return int(f.open.Load()) }

// Frames is how many input_audio_buffer.append events the fake received.
func (f *Fake) Frames() int64 { return f.frames.Load() }

// Sessions is how many sessions the fake has opened in all.
func (f *Fake) Sessions() int64 { return f.sessions.Load() }

// Errors lists the codes of the error events the fake sent, in order.
func (f *Fake) Errors() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.errors)
}

// Truncations lists the truncations the fake accepted, in order.
func (f *Fake) Truncations() []Truncation {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.truncations)
}

// FailNext makes the next session.update fail with code.
func (f *Fake) FailNext(code string) {
	f.mu.Lock()
	f.failWith = code
	f.mu.Unlock()
}

func (f *Fake) takeFail() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	code := f.failWith
	f.failWith = ""
	return code
}

func (f *Fake) noteError(code string) {
	f.mu.Lock()
	f.errors = append(f.errors, code)
	f.mu.Unlock()
}

// answerAudio is voicetest.Speech(text), made once per text: the audio is
// read-only and a benchmark's sessions speak the same few answers.
func (f *Fake) answerAudio(text string) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	if b, ok := f.speech[text]; ok {
		return b
	}
	if len(f.speech) >= 256 {
		clear(f.speech)
	}
	b := voicetest.Speech(text)
	f.speech[text] = b
	return b
}

// serve checks the upgrade as the real endpoint does: the key first (a
// refused key never gets a socket), then the retired beta interface.
func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	protos := tokens(r.Header.Values("Sec-WebSocket-Protocol"))
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok && slices.Contains(protos, "realtime") {
		for _, p := range protos {
			if k, found := strings.CutPrefix(p, "openai-insecure-api-key."); found {
				key, ok = k, true
			}
		}
	}
	if !ok || key == "" {
		httpError(w, http.StatusUnauthorized, "invalid_api_key",
			"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
		return
	}
	if key != f.opts.Key {
		httpError(w, http.StatusUnauthorized, "invalid_api_key", "Incorrect API key provided: "+mask(key)+".")
		return
	}
	model := r.URL.Query().Get("model")
	if model == "" {
		model = "gpt-realtime"
	}
	beta := r.Header.Get("OpenAI-Beta") != "" || slices.Contains(protos, "openai-beta.realtime-v1")
	var sub []string
	if slices.Contains(protos, "realtime") {
		// Browsers fail the handshake when none of their offers is selected.
		sub = []string{"realtime"}
	}
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: sub, InsecureSkipVerify: true})
	if err != nil {
		return
	}
	// An append may carry 15 MiB of audio, base64-encoded.
	c.SetReadLimit(24 << 20)
	f.open.Add(1)
	defer f.open.Add(-1)
	if beta {
		msg := "The Realtime API beta interface has been removed. Remove the 'OpenAI-Beta: realtime=v1' header (or the 'openai-beta.realtime-v1' subprotocol) and use the GA interface."
		b, _ := json.Marshal(obj{"type": "error", "event_id": "event_beta", "error": obj{
			"type": "invalid_request_error", "code": "beta_api_shape_disabled", "message": msg, "param": nil, "event_id": nil}})
		f.noteError("beta_api_shape_disabled")
		if c.Write(context.Background(), websocket.MessageText, b) == nil {
			c.Close(4000, "beta_api_shape_disabled")
		}
		c.CloseNow()
		return
	}
	s := newSession(f, c, model)
	f.mu.Lock()
	f.conns[s] = struct{}{}
	f.mu.Unlock()
	f.sessions.Add(1)
	defer func() {
		f.mu.Lock()
		delete(f.conns, s)
		f.mu.Unlock()
	}()
	s.run()
}

func httpError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(obj{"error": obj{"message": msg, "type": "invalid_request_error", "param": nil, "code": code}})
}

func mask(key string) string {
	if len(key) <= 8 {
		return "***"
	}
	return key[:3] + "*****" + key[len(key)-4:]
}

// tokens splits comma-separated header values.
func tokens(vals []string) []string {
	var out []string
	for _, v := range vals {
		for t := range strings.SplitSeq(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}
