// Service wiring: the configuration, the ports the interview service needs
// (Judge, Interviewer, Notifier) and the helpers every concern shares.

package interview

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/ratelimit"
)

// Config holds the seed's limits; zero values take the defaults.
type Config struct {
	MaxActive         int           // active sessions per user (10)
	HardLimit         time.Duration // no interview outlives this (120 min)
	AbandonAfter      time.Duration // no client for this long abandons the session (10 min)
	RunsPerMinute     int           // executions per session a minute (3)
	ExecsPerHour      int           // executions per user an hour (50)
	AutoSnapshotEvery time.Duration // auto snapshot of changed code (30 s)
	EditEventEvery    time.Duration // at most one code.edited event per session this often (2 s)
	MaxTranscript     int           // lines a session's conversation may hold before chat is refused (500)
	ReplyWindow       int           // latest lines the interviewer reads to reply (20)
	ReplyTimeout      time.Duration // the interviewer's longest answer, greeting, hint or remark (60 s)
	PendingReplies    int           // replies a session may have waiting; a message past it gets none (8)
	// Patience is how long the interviewer lets a session stall (no edit, no
	// message) before it offers a hint (INTERVIEWER_PATIENCE, 3 min).
	Patience time.Duration
	// UnlimitedCredits starts interviews without taking a credit (CREDITS=unlimited,
	// for a self-hosted server whose users need no quota).
	UnlimitedCredits bool
	// Presence records when each session's client was last seen (nil: in
	// this process's memory). Several instances share one (Redis), so that
	// no sweeper abandons a session whose socket lives on another instance.
	Presence Presence
	// Names returns the names to redact from a user's interview besides
	// the ones people introduce themselves with: their profile name. Nil
	// knows none (addresses, phone numbers and "my name is X" still go).
	Names func(ctx context.Context, userID string) []string
}

func (c *Config) defaults() {
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	setD := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&c.MaxActive, 10)
	set(&c.RunsPerMinute, 3)
	set(&c.ExecsPerHour, 50)
	set(&c.MaxTranscript, 500)
	set(&c.ReplyWindow, 20)
	set(&c.PendingReplies, 8)
	setD(&c.ReplyTimeout, 60*time.Second)
	setD(&c.Patience, 3*time.Minute)
	setD(&c.HardLimit, 120*time.Minute)
	setD(&c.AbandonAfter, 10*time.Minute)
	setD(&c.AutoSnapshotEvery, 30*time.Second)
	setD(&c.EditEventEvery, 2*time.Second)
}

// Judge is what an interview needs of the judging service.
type Judge interface {
	Execute(ctx context.Context, req judge.Request) (*judge.Report, error)
	Languages() []string
}

// Interviewer produces what the interviewer says. The offline engine is
// rule based; the agents release adds language models behind the same port,
// so every call takes a context (a model can be slow, and is cancelled when
// the session ends) and may fail. Reply and React stream: emit receives the
// text as it is produced (the offline engine emits it whole); the returned
// string is the finished line that is stored.
type Interviewer interface {
	Greeting(ctx context.Context, p *problem.Problem, s *Session) (string, error)
	Reply(ctx context.Context, t Turn, emit func(delta string)) (string, error)
	Hint(ctx context.Context, p *problem.Problem, n, total int, hint string) (string, error)
	// React comments on a run or submit result; "" says nothing.
	React(ctx context.Context, p *problem.Problem, s *Session, r ExecutionSummary, emit func(delta string)) (string, error)
}

// Turn is what the interviewer reads to answer the candidate: the latest
// ReplyWindow lines of the conversation, the candidate's message among them.
type Turn struct {
	Problem  *problem.Problem
	Session  *Session
	History  []Transcript
	Message  string
	Code     string // the candidate's live code ("" when it could not be read)
	Language string
}

// Notice is something live rooms of a session should hear about.
// It crosses instances as JSON (the realtime fan-out), whole: see
// MarshalJSON.
type Notice struct {
	Transcript *Transcript   `json:"transcript,omitempty"`
	Execution  *judge.Report `json:"execution,omitempty"`
	Ended      *Session      `json:"ended,omitempty"`
	Reason     string        `json:"reason,omitempty"` // why it ended
	Queued     *QueuePlace   `json:"queued,omitempty"`
	Delta      *Delta        `json:"delta,omitempty"`
	// Observation is the code observer's latest finding: editor markers
	// and notes, never a line of the conversation.
	Observation *Observation `json:"observation,omitempty"`
}

// Delta is interviewer text while it is being produced. ReplyTo is the
// candidate's line it answers ("" for a remark on a run); Final (with no
// text) says the stream is over, finished or not: a finished line follows
// as a Transcript notice.
type Delta struct {
	ReplyTo string `json:"reply_to,omitempty"`
	Text    string `json:"text,omitempty"`
	Final   bool   `json:"final,omitempty"`
}

// Notifier pushes notices to the session's open rooms (the realtime hub).
type Notifier interface {
	Notify(sessionID string, n Notice)
}

// Service runs interviews.
type Service struct {
	store       Store
	problems    problem.Store
	judge       Judge
	interviewer Interviewer
	limiter     ratelimit.Limiter
	clock       mockroom.Clock
	log         *slog.Logger
	cfg         Config

	mu              sync.Mutex
	notifier        Notifier
	presence        Presence             // session → last sign of a client
	lastPresenceErr time.Time            // the last presence failure logged
	lastEditEv      map[string]time.Time // session → last code.edited event
	lastAuto        map[string]string    // session → hash of the code at the last auto snapshot
	lastAutoAt      map[string]time.Time
	started         time.Time
	replies         map[string]*replyQueue // session → its pending interviewer replies, in order
	closed          bool
	stateMu         [64]sync.Mutex       // the interviewer's state, striped by session id
	lastStallCheck  map[string]time.Time // session → its last stall check
	workers         sync.WaitGroup       // reply workers
	root            context.Context
	stop            context.CancelFunc
}

// NewService wires the interview service.
func NewService(store Store, problems problem.Store, j Judge, iv Interviewer, limiter ratelimit.Limiter, clock mockroom.Clock, log *slog.Logger, cfg Config) *Service {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	presence := cfg.Presence
	if presence == nil {
		presence = NewMemoryPresence()
	}
	root, stop := context.WithCancel(mockroom.AsService(context.Background()))
	return &Service{store: store, problems: problems, judge: j, interviewer: iv, limiter: limiter, clock: clock, log: log, cfg: cfg,
		presence: presence, lastEditEv: map[string]time.Time{}, lastAuto: map[string]string{}, lastAutoAt: map[string]time.Time{}, lastStallCheck: map[string]time.Time{},
		started: clock.Now(), replies: map[string]*replyQueue{}, root: root, stop: stop}
}

// SetNotifier connects the realtime hub (it is built after the service).
func (s *Service) SetNotifier(n Notifier) {
	s.mu.Lock()
	s.notifier = n
	s.mu.Unlock()
}

func (s *Service) notify(sessionID string, n Notice) {
	s.mu.Lock()
	nt := s.notifier
	s.mu.Unlock()
	if nt != nil {
		nt.Notify(sessionID, n)
	}
}

// Config returns the effective limits.
func (s *Service) Config() Config { return s.cfg }

func invalid(code, format string, args ...any) error {
	return mockroom.Errorf(mockroom.KindInvalid, code, format, args...)
}

func event(topic string, sess *Session, key string, payload any, now time.Time) events.Event {
	raw, _ := json.Marshal(payload)
	return events.Event{ID: mockroom.NewID(), Topic: topic, Key: topic + ":" + sess.ID + ":" + key,
		SessionID: sess.ID, UserID: sess.UserID, Payload: raw, CreatedAt: now}
}

// Languages returns the problem's languages that the judge can run now.
func (s *Service) Languages(p *problem.Problem) []string {
	var out []string
	avail := s.judge.Languages()
	for l := range p.StarterCode {
		if slices.Contains(avail, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// MaxSeq bounds client sequence numbers: 2^53-1, the largest integer every
// JavaScript client holds exactly. A seq near 2^63 made durable would leave
// no larger one for the next edit and wedge the session.
const MaxSeq = 1<<53 - 1

func checkSeq(seq int64) error {
	if seq < 0 || seq > MaxSeq {
		return invalid("invalid_seq", "seq must be a positive integer no larger than 2^53-1 (Number.MAX_SAFE_INTEGER)")
	}
	return nil
}
