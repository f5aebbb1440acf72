// Package relay runs spoken interviews: for each session it owns one
// connection to a speech model (voice.Provider), relays the candidate's
// audio to it and its voice back to the room, stores what both said as
// transcript lines, keeps the model's context current (phase, observer
// findings, runs, time left), meters usage against a monthly allowance,
// reconnects with backoff (re-sending the conversation), falls back from
// one provider to the next and then to text, and never lets a connection
// outlive its session.
package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/voice"
)

// Voice states and reasons, as the realtime protocol names them.
const (
	StatusConnecting   = "connecting"
	StatusLive         = "live"
	StatusReconnecting = "reconnecting"
	StatusOff          = "off"

	ReasonStopped     = "stopped"
	ReasonUnavailable = "voice_unavailable"
	ReasonLimit       = "voice_limit"
	ReasonFailed      = "provider_failed"
	ReasonIdle        = "idle"
	ReasonEnded       = "session_ended"
	ReasonTakenOver   = "taken_over"
)

// State is what the room is told about its voice.
type State struct {
	Status     string
	Provider   string
	Model      string
	InputRate  int
	OutputRate int
	PushToTalk bool
	Reason     string
	Message    string
	Fallback   bool
	// MinutesLeft of the monthly allowance; -1 without a limit.
	MinutesLeft int
}

// Sink is the room (one WebSocket) that started voice.
type Sink interface {
	VoiceState(s State)
	// VoiceActivity: speaker "candidate" or "interviewer"; state
	// "started", "stopped" or "interrupted".
	VoiceActivity(speaker, state string, latency time.Duration)
	// AnswerText streams the spoken answer's transcript (final: it ended).
	AnswerText(delta string, final bool)
	// Audio is interviewer PCM16 at the state's OutputRate.
	Audio(pcm []byte)
}

// Interviews is what the relay needs of the interview service.
type Interviews interface {
	Session(ctx context.Context, userID, id string) (*interview.Session, error)
	EndsAt(s *interview.Session) time.Time
	VoiceContext(ctx context.Context, userID, id string) (*interview.VoiceContext, error)
	Spoken(ctx context.Context, userID, id, speaker, text string, cut, track bool) (*interview.Transcript, error)
	VoiceReply(ctx context.Context, userID, id, utterance string, emit func(delta string)) (string, error)
}

// Config tunes the relay; zero values take the defaults.
type Config struct {
	// Providers by name, and Route, the order to try them for a user
	// (the seed: free users on Gemini, paid on OpenAI). Without Route,
	// Order is used for everyone.
	Providers map[string]voice.Provider
	Order     []string
	Route     func(ctx context.Context, userID string) []string

	Prices         voice.Prices
	MonthlyLimit   time.Duration // connected voice a user may use a calendar month (0: no limit)
	IdleTimeout    time.Duration // no audio either way and no answer for this long closes the model's connection (60 s)
	Grace          time.Duration // the room's socket is gone: keep the model's connection this long for it to come back (20 s)
	Retries        int           // reconnects to a provider before the next is tried (3)
	Backoff        time.Duration // the first reconnect's wait, doubled each time (500 ms)
	ContextEvery   time.Duration // the instructions are refreshed at most this often (2 s), and at least every minute for the time left
	ConnectTimeout time.Duration // one connection attempt (10 s)
	MaxFrameBytes  int           // one audio frame (16 KiB)
	FramesPerSec   float64       // audio frames a second (100, burst 100)
	Metrics        *Metrics      // nil: none
}

func (c *Config) defaults() {
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 60 * time.Second
	}
	if c.Grace <= 0 {
		c.Grace = 20 * time.Second
	}
	if c.Retries <= 0 {
		c.Retries = 3
	}
	if c.Backoff <= 0 {
		c.Backoff = 500 * time.Millisecond
	}
	if c.ContextEvery <= 0 {
		c.ContextEvery = 2 * time.Second
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = 10 * time.Second
	}
	if c.MaxFrameBytes <= 0 {
		c.MaxFrameBytes = 16 << 10
	}
	if c.FramesPerSec <= 0 {
		c.FramesPerSec = 100
	}
	if c.Prices == nil {
		c.Prices = voice.DefaultPrices()
	}
}

// Errors the relay gives the room (codes of the protocol's error frame).
var (
	ErrUnavailable = mockroom.Errorf(mockroom.KindUnavailable, "voice_unavailable", "voice is not set up on this server; use the chat")
	ErrNotStarted  = mockroom.Errorf(mockroom.KindConflict, "voice_not_started", "voice is off; press the microphone to start it")
	ErrFrameSize   = mockroom.Errorf(mockroom.KindTooLarge, "audio_frame_too_large", "an audio frame is at most 16 KiB; send 20 ms frames")
	ErrFrameRate   = mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "too many audio frames; send 20 ms frames in real time")
	ErrTooSoon     = mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "voice was started a moment ago; wait a second and try again")
)

// startEvery spaces new provider connections of one session: each costs a
// handshake with the provider, so a start/stop loop cannot churn them.
const startEvery = time.Second

// Relay holds the spoken interviews of this process.
type Relay struct {
	svc   Interviews
	usage voice.UsageStore
	log   *slog.Logger
	clock mockroom.Clock
	cfg   Config

	mu      sync.Mutex
	calls   map[string]*call     // by session
	starts  map[string]time.Time // by session: the last new connection, so start/stop loops cannot churn providers
	closing bool
	wg      sync.WaitGroup
}

// New returns a relay. With no providers every start answers voice_unavailable.
func New(svc Interviews, usage voice.UsageStore, log *slog.Logger, clock mockroom.Clock, cfg Config) *Relay {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	return &Relay{svc: svc, usage: usage, log: log, clock: clock, cfg: cfg, calls: map[string]*call{}, starts: map[string]time.Time{}}
}

// Enabled reports whether any provider is configured.
func (r *Relay) Enabled() bool { return len(r.cfg.Providers) > 0 }

// Active counts the open spoken interviews.
func (r *Relay) Active() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

// order is the providers to try for userID, configured ones only.
func (r *Relay) order(ctx context.Context, userID string) []string {
	names := r.cfg.Order
	if r.cfg.Route != nil {
		names = r.cfg.Route(ctx, userID)
	}
	var out []string
	for _, n := range names {
		if _, ok := r.cfg.Providers[n]; ok && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// Start begins (or takes over) the spoken interview of sessionID for the
// room sink. The answer comes as VoiceState calls on sink.
func (r *Relay) Start(ctx context.Context, userID, sessionID string, sink Sink, pushToTalk bool) error {
	if !r.Enabled() {
		return ErrUnavailable
	}
	sess, err := r.svc.Session(ctx, userID, sessionID)
	if err != nil {
		return err
	}
	if sess.Status != interview.StatusActive {
		return mockroom.Errorf(mockroom.KindConflict, "session_ended", "this interview has ended")
	}
	left := -1
	var allowance time.Duration
	if r.cfg.MonthlyLimit > 0 {
		used, err := r.usage.VoiceConnectedSince(mockroom.AsService(ctx), userID, monthStart(r.clock.Now()))
		if err != nil {
			return err
		}
		allowance = r.cfg.MonthlyLimit - used
		left = max(int(allowance/time.Minute), 0)
		if allowance <= 0 {
			sink.VoiceState(State{Status: StatusOff, Reason: ReasonLimit, MinutesLeft: 0,
				Message: fmt.Sprintf("You have used this month's %d voice minutes. The interview continues in the chat.", int(r.cfg.MonthlyLimit/time.Minute))})
			return nil
		}
	}
	r.mu.Lock()
	if r.closing {
		r.mu.Unlock()
		return mockroom.Errorf(mockroom.KindUnavailable, "server_restarting", "the server is restarting; try again in a moment")
	}
	if c := r.calls[sessionID]; c != nil {
		r.mu.Unlock()
		if !c.isStopped() {
			c.takeOver(sink, pushToTalk)
			return nil
		}
		// A call that is winding down (voice.stop a moment ago) is not
		// taken over: wait for it to end, then start afresh.
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			return mockroom.Errorf(mockroom.KindUnavailable, "voice_busy", "voice is still stopping; try again in a moment")
		}
		r.mu.Lock()
		if c := r.calls[sessionID]; c != nil {
			r.mu.Unlock()
			c.takeOver(sink, pushToTalk)
			return nil
		}
	}
	now := r.clock.Now()
	if last, ok := r.starts[sessionID]; ok && now.Sub(last) < startEvery {
		r.mu.Unlock()
		return ErrTooSoon
	}
	if len(r.starts) > 4096 {
		for id, at := range r.starts {
			if now.Sub(at) > startEvery {
				delete(r.starts, id)
			}
		}
	}
	r.starts[sessionID] = now
	c := &call{relay: r, userID: userID, sessionID: sessionID, sink: sink, ptt: pushToTalk, endsAt: r.svc.EndsAt(sess),
		allowance: allowance, minutesLeft: left, order: r.order(ctx, userID), started: r.clock.Now(),
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	c.ctx, c.cancel = context.WithCancel(mockroom.WithActor(context.Background(), mockroom.ActorFrom(ctx)))
	r.calls[sessionID] = c
	r.wg.Add(1)
	r.mu.Unlock()
	go c.run()
	return nil
}

// Stop ends the session's spoken interview if sink owns it.
func (r *Relay) Stop(sessionID string, sink Sink) {
	if c := r.call(sessionID); c != nil && c.owner() == sink {
		c.stop(ReasonStopped, "Voice is off. The chat is always here; press the microphone to talk again.", false)
	}
}

// Release ends the session's call on this instance because it was started
// on another (the room moved there, or another tab took voice over): its
// room, if one is still here, hears taken_over, as a tab taken over on one
// instance does. Usage up to now is recorded as for any end.
func (r *Relay) Release(sessionID string) {
	if c := r.call(sessionID); c != nil && !c.isStopped() {
		c.stop(ReasonTakenOver, "Voice moved to another tab of this interview.", false)
	}
}

// Detach is called when sink's socket closes: its call, if any, waits
// Grace for the room to come back, then ends.
func (r *Relay) Detach(sessionID string, sink Sink) {
	if c := r.call(sessionID); c != nil {
		c.detach(sink)
	}
}

func (r *Relay) call(sessionID string) *call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls[sessionID]
}

// Audio relays one frame of the candidate's microphone.
func (r *Relay) Audio(sessionID string, sink Sink, pcm []byte) error {
	if len(pcm) > r.cfg.MaxFrameBytes {
		return ErrFrameSize
	}
	c := r.call(sessionID)
	if c == nil || c.owner() != sink {
		return ErrNotStarted
	}
	return c.audio(pcm)
}

// Commit ends the candidate's turn (push-to-talk released).
func (r *Relay) Commit(sessionID string, sink Sink) error {
	c := r.call(sessionID)
	if c == nil || c.owner() != sink {
		return ErrNotStarted
	}
	return c.withConn(func(conn voice.Conn) error { return conn.Commit() })
}

// Interrupt stops the interviewer's answer: the page stopped playing it
// after played of its audio.
func (r *Relay) Interrupt(sessionID string, sink Sink, played time.Duration) error {
	c := r.call(sessionID)
	if c == nil || c.owner() != sink {
		return ErrNotStarted
	}
	return c.interrupt(played)
}

// Respond is our interviewer answering a spoken utterance in sessionID:
// the local cascade's answer step.
func (r *Relay) Respond(ctx context.Context, sessionID, utterance string, emit func(string)) (string, error) {
	c := r.call(sessionID)
	if c == nil {
		return "", ErrNotStarted
	}
	return r.svc.VoiceReply(c.ctx, c.userID, sessionID, utterance, emit)
}

// Notify keeps a spoken interview's context current: lines typed or
// hinted, run results, observer findings; and ends it with its session.
func (r *Relay) Notify(sessionID string, n interview.Notice) {
	c := r.call(sessionID)
	if c == nil {
		return
	}
	switch {
	case n.Ended != nil:
		c.stop(ReasonEnded, "The interview has ended.", false)
	case n.Transcript != nil:
		if IsVoiceLine(n.Transcript) {
			return
		}
		speaker := n.Transcript.Speaker
		text := n.Transcript.Content
		if speaker == interview.SpeakerCandidate {
			text = "(typed in the chat) " + text
		}
		c.note(voice.Line{Speaker: speaker, Text: text})
	case n.Execution != nil:
		c.note(voice.Line{Speaker: voice.SpeakerSystem, Text: runNote(n.Execution)})
		c.refresh()
	case n.Observation != nil:
		c.refresh()
	}
}

// Shutdown ends every spoken interview (their usage is recorded).
func (r *Relay) Shutdown(ctx context.Context) {
	r.mu.Lock()
	r.closing = true
	calls := make([]*call, 0, len(r.calls))
	for _, c := range r.calls {
		calls = append(calls, c)
	}
	r.mu.Unlock()
	for _, c := range calls {
		c.stop(ReasonStopped, "The server is restarting; press the microphone to talk again in a moment.", false)
	}
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// IsVoiceLine reports whether t was said aloud (stored by Spoken).
func IsVoiceLine(t *interview.Transcript) bool {
	return strings.Contains(string(t.Metadata), `"voice":true`)
}

// runNote tells the model what a run showed: counts and the verdict only,
// never a hidden test's input or output.
func runNote(rep *judge.Report) string {
	what := "ran the examples"
	if rep.Mode == judge.ModeSubmit {
		what = "submitted"
	}
	switch {
	case rep.CompileError != nil:
		return fmt.Sprintf("The candidate %s: the code did not compile.", what)
	case rep.Total > 0:
		return fmt.Sprintf("The candidate %s: %d of %d tests passed (%s).", what, rep.Passed, rep.Total, strings.ReplaceAll(string(rep.Status), "_", " "))
	}
	return fmt.Sprintf("The candidate %s: %s.", what, strings.ReplaceAll(string(rep.Status), "_", " "))
}

func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

var errStopped = errors.New("relay: voice stopped")
