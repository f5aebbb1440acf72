package observer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
)

// Group is the consumer group through which the observer hears of edits.
const Group = "observer"

// Topics are the topics the service consumes.
var Topics = []string{events.CodeEdited, events.SessionEnded}

// Sessions is what the service reads of interviews (interview.Store).
type Sessions interface {
	SessionByID(ctx context.Context, id string) (*interview.Session, error)
	Live(ctx context.Context, sessionID string) (*interview.Live, error)
}

// Publisher appends an event to the durable bus (events.Bus).
type Publisher interface {
	Publish(ctx context.Context, e events.Event) error
}

// Config tunes the service; zero values take the defaults.
type Config struct {
	// Debounce is how long the code must rest after its last edit before it
	// is observed (2 s).
	Debounce time.Duration
	// MinInterval is the least time between two observations of one
	// session (2 s).
	MinInterval time.Duration
	// Timeout bounds one observation, toolchain and model together (30 s).
	Timeout time.Duration
	// EditEventEvery is the interview service's throttle on code.edited
	// (interview.Config.EditEventEvery, 2 s): edits that soon after an
	// event bring none, so the service looks once more after it.
	EditEventEvery time.Duration
}

func (c *Config) defaults() {
	if c.Debounce <= 0 {
		c.Debounce = 2 * time.Second
	}
	if c.MinInterval <= 0 {
		c.MinInterval = 2 * time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.EditEventEvery <= 0 {
		c.EditEventEvery = 2 * time.Second
	}
}

// Service runs the observer on sessions' code. It hears of edits through
// the durable bus (code.edited, which the interview service throttles to
// one per 2 s), waits until the live code has rested Debounce since its
// last edit (the live state's UpdatedAt: a burst's trailing edits carry no
// event of their own), observes the live code at most once per MinInterval
// per session and never the same code twice in a row, then publishes
// code.observed for the interviewer and pushes the observation to the
// session's rooms.
//
// The latest observation is kept on the live state, in memory, not on a
// snapshot: it is derived from code that is itself durable, recomputable
// at will (the offline observer is deterministic), and belongs to the live
// code, which snapshots (every 30 s, on run, at the end) rarely equal. The
// durable record of each observation is its code.observed event.
type Service struct {
	observer Observer
	sessions Sessions
	problems problem.Store
	pub      Publisher
	clock    mockroom.Clock
	log      *slog.Logger
	cfg      Config

	root context.Context
	stop context.CancelFunc
	wg   sync.WaitGroup

	mu       sync.Mutex
	notifier interview.Notifier
	state    map[string]*sessionState
	closed   bool
}

// sessionState is one session's debounce timer and cache.
type sessionState struct {
	timer     *time.Timer
	running   bool
	again     bool      // an edit arrived while observing: look again after
	lastEvent time.Time // when the latest code.edited arrived
	lastRun   time.Time
	lastHash  string
	latest    *interview.Observation
	problem   *problem.Problem
}

// NewService returns the observer service. pub may be nil (no
// code.observed events, for tests of the room path alone).
func NewService(o Observer, sessions Sessions, problems problem.Store, pub Publisher, clock mockroom.Clock, log *slog.Logger, cfg Config) *Service {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	if clock == nil {
		clock = mockroom.SystemClock{}
	}
	root, stop := context.WithCancel(mockroom.AsService(context.Background()))
	return &Service{observer: o, sessions: sessions, problems: problems, pub: pub, clock: clock, log: log, cfg: cfg,
		root: root, stop: stop, state: map[string]*sessionState{}}
}

// SetNotifier connects the realtime hub (built after the service).
func (s *Service) SetNotifier(n interview.Notifier) {
	s.mu.Lock()
	s.notifier = n
	s.mu.Unlock()
}

// HandleEvent is the bus consumer: an edit (re)arms the session's timer,
// an ended session forgets its state. It never fails: an observation is
// advice, and the next edit brings another.
func (s *Service) HandleEvent(_ context.Context, d events.Delivery) error {
	switch d.Topic {
	case events.CodeEdited:
		s.mu.Lock()
		if st := s.state[d.SessionID]; st != nil {
			st.lastEvent = s.clock.Now()
		} else if d.SessionID != "" && !s.closed {
			s.state[d.SessionID] = &sessionState{lastEvent: s.clock.Now()}
		}
		s.mu.Unlock()
		s.schedule(d.SessionID, s.cfg.Debounce)
	case events.SessionEnded:
		s.forget(d.SessionID)
	}
	return nil
}

// Latest returns the session's latest observation, nil when there is none.
func (s *Service) Latest(sessionID string) *interview.Observation {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.state[sessionID]; st != nil {
		return st.latest
	}
	return nil
}

// Close stops the timers and waits for observations in progress.
func (s *Service) Close() {
	s.mu.Lock()
	s.closed = true
	for _, st := range s.state {
		if st.timer != nil {
			st.timer.Stop()
		}
	}
	s.mu.Unlock()
	s.stop()
	s.wg.Wait()
}

func (s *Service) schedule(id string, after time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || id == "" {
		return
	}
	st := s.state[id]
	if st == nil {
		st = &sessionState{}
		s.state[id] = st
	}
	if st.running {
		st.again = true
		return
	}
	if st.timer != nil {
		st.timer.Stop()
	}
	st.timer = time.AfterFunc(max(after, 0), func() { s.fire(id) })
}

func (s *Service) forget(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.state[id]; st != nil && st.timer != nil {
		st.timer.Stop()
	}
	delete(s.state, id)
}

// fire observes the session's live code if it has rested long enough, or
// re-arms the timer for when it will have.
func (s *Service) fire(id string) {
	s.mu.Lock()
	st := s.state[id]
	if s.closed || st == nil || st.running {
		s.mu.Unlock()
		return
	}
	st.running, st.again = true, false
	s.wg.Add(1)
	s.mu.Unlock()
	wait := s.observe(id, st)
	s.mu.Lock()
	st.running = false
	again := st.again
	// Edits within EditEventEvery of the last event bring no event of
	// their own: look once more when any later edit would have.
	follow := st.lastEvent.Add(s.cfg.EditEventEvery + s.cfg.Debounce).Sub(s.clock.Now())
	s.mu.Unlock()
	s.wg.Done()
	switch {
	case wait > 0:
		s.schedule(id, wait)
	case again:
		s.schedule(id, s.cfg.Debounce)
	case follow > 0:
		s.schedule(id, follow)
	}
}

// observe returns how long to wait before trying again (0: done).
func (s *Service) observe(id string, st *sessionState) time.Duration {
	ctx, cancel := context.WithTimeout(s.root, s.cfg.Timeout)
	defer cancel()
	sess, err := s.sessions.SessionByID(ctx, id)
	if err != nil || sess.Status != interview.StatusActive {
		if err != nil && !mockroom.IsKind(err, mockroom.KindNotFound) {
			s.log.WarnContext(ctx, "the observer could not read the session", "session_id", id, "err", err)
		}
		s.forget(id)
		return 0
	}
	live, err := s.sessions.Live(ctx, id)
	if err != nil {
		s.log.WarnContext(ctx, "the observer could not read the live code", "session_id", id, "err", err)
		return 0
	}
	now := s.clock.Now()
	if rest := live.UpdatedAt.Add(s.cfg.Debounce).Sub(now); rest > 0 {
		return rest // edited since the event: wait for the pause
	}
	if gap := st.lastRun.Add(s.cfg.MinInterval).Sub(now); gap > 0 {
		return gap
	}
	hash := Hash(live.Code)
	if hash == st.lastHash {
		return 0 // the same code as last time: nothing new to say
	}
	if st.problem == nil || st.problem.ID != sess.ProblemID {
		p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
		if err != nil {
			s.log.WarnContext(ctx, "the observer could not read the problem", "session_id", id, "err", err)
			return 0
		}
		st.problem = p
	}
	obs, err := s.observer.Observe(ctx, Input{SessionID: id, Problem: st.problem, Language: live.Language, Code: live.Code})
	if err != nil || obs == nil {
		s.log.WarnContext(ctx, "the observer failed", "session_id", id, "err", err)
		return 0
	}
	s.mu.Lock()
	st.lastRun, st.lastHash, st.latest = s.clock.Now(), hash, obs
	nt := s.notifier
	s.mu.Unlock()
	if s.pub != nil {
		raw, _ := json.Marshal(obs)
		at := s.clock.Now()
		// the same code may come back later (an undo): the time keeps
		// each observation its own key
		ev := events.Event{ID: mockroom.NewID(), Topic: events.CodeObserved,
			Key:       fmt.Sprintf("%s:%s:%s:%d", events.CodeObserved, id, hash[:16], at.UnixNano()),
			SessionID: id, UserID: sess.UserID, Payload: raw, CreatedAt: at}
		if err := s.pub.Publish(ctx, ev); err != nil {
			s.log.WarnContext(ctx, "the observer could not publish its finding", "session_id", id, "err", err)
		}
	}
	if nt != nil {
		nt.Notify(id, interview.Notice{Observation: obs})
	}
	return 0
}
