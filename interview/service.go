package interview

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/ratelimit"
)

// Durations a candidate may pick.
var Durations = []int{30, 45, 60}

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
	// UnlimitedCredits starts interviews without taking a credit (CREDITS=unlimited,
	// for a self-hosted server whose users need no quota).
	UnlimitedCredits bool
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
// rule based; the agents release adds language models behind the same port.
type Interviewer interface {
	Greeting(p *problem.Problem, s *Session) string
	Reply(p *problem.Problem, s *Session, history []Transcript, message string) string
	Hint(p *problem.Problem, n, total int, hint string) string
	// React comments on a run or submit result; "" says nothing.
	React(p *problem.Problem, s *Session, r ExecutionSummary) string
}

// ExecutionSummary is what the code.executed event carries: counts and
// verdicts only, never a hidden test's data.
type ExecutionSummary struct {
	Mode      string               `json:"mode"`
	Status    string               `json:"status"`
	Passed    int                  `json:"passed"`
	Total     int                  `json:"total"`
	CPUTimeMS float64              `json:"cpu_time_ms"` // the sandbox's CPU time of the whole run
	MemoryKB  int64                `json:"memory_kb"`
	Hidden    *judge.HiddenSummary `json:"hidden,omitempty"`
}

// Notice is something live rooms of a session should hear about.
type Notice struct {
	Transcript *Transcript
	Execution  *judge.Report
	Ended      *Session
	Reason     string // why it ended
	Queued     *QueuePlace
}

// QueuePlace is where an execution of the session waits for the judge.
type QueuePlace struct {
	Mode    judge.Mode
	Ahead   int  // executions queued before it
	Running bool // it left the queue and runs now
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

	mu         sync.Mutex
	notifier   Notifier
	lastSeen   map[string]time.Time // session → last sign of a client
	lastEditEv map[string]time.Time // session → last code.edited event
	lastAuto   map[string]string    // session → hash of the code at the last auto snapshot
	lastAutoAt map[string]time.Time
	started    time.Time
}

// NewService wires the interview service.
func NewService(store Store, problems problem.Store, j Judge, iv Interviewer, limiter ratelimit.Limiter, clock mockroom.Clock, log *slog.Logger, cfg Config) *Service {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: store, problems: problems, judge: j, interviewer: iv, limiter: limiter, clock: clock, log: log, cfg: cfg,
		lastSeen: map[string]time.Time{}, lastEditEv: map[string]time.Time{}, lastAuto: map[string]string{}, lastAutoAt: map[string]time.Time{},
		started: clock.Now()}
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

// EndsAt is when the session's timer runs out: its chosen duration, never
// past the hard limit.
func (s *Service) EndsAt(sess *Session) time.Time {
	if sess.StartedAt == nil {
		return s.clock.Now()
	}
	d := time.Duration(sess.DurationMinutes) * time.Minute
	if d <= 0 || d > s.cfg.HardLimit {
		d = s.cfg.HardLimit
	}
	return sess.StartedAt.Add(d)
}

// Remaining is the time left on the session's clock (0 once ended).
func (s *Service) Remaining(sess *Session) time.Duration {
	if sess.Status != StatusActive {
		return 0
	}
	r := s.EndsAt(sess).Sub(s.clock.Now())
	if r < 0 {
		return 0
	}
	return r
}

// Start creates an active interview and takes one credit, atomically.
func (s *Service) Start(ctx context.Context, userID, problemID, language string, minutes int) (*Session, error) {
	const op = "interview.Start"
	if !mockroom.ValidID(problemID) {
		return nil, invalid("invalid_field", "problem_id must be a problem id")
	}
	if !slices.Contains(Durations, minutes) {
		return nil, invalid("invalid_field", "duration_minutes must be 30, 45 or 60")
	}
	p, err := s.problems.ProblemByID(ctx, problemID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if !slices.Contains(s.Languages(p), language) {
		return nil, invalid("language_unavailable", "%q is not available for this problem; choose one of %s", language, strings.Join(s.Languages(p), ", "))
	}
	now := s.clock.Now()
	cost := 1
	if s.cfg.UnlimitedCredits {
		cost = 0
	}
	sess := &Session{ID: mockroom.NewID(), UserID: userID, ProblemID: p.ID, Status: StatusActive, Language: language,
		DurationMinutes: minutes, StartedAt: &now, CreditsConsumed: cost, CreatedAt: now, UpdatedAt: now}
	ev := event(events.SessionStarted, sess, "start", map[string]any{"problem_id": p.ID, "language": language, "duration_minutes": minutes}, now)
	if err := s.store.StartSession(ctx, sess, p.StarterCode[language], s.cfg.MaxActive, cost, ev); err != nil {
		if mockroom.IsKind(err, mockroom.KindPaymentRequired) {
			return nil, mockroom.Errorf(mockroom.KindPaymentRequired, "insufficient_credits",
				"you have no interview credits left; the administrator of this server can grant more with `mockroom credits grant`")
		}
		return nil, mockroom.Wrap(op, err)
	}
	s.touch(sess.ID)
	greeting := s.interviewer.Greeting(p, sess)
	if _, err := s.say(ctx, sess, SpeakerInterviewer, greeting, 0); err != nil {
		s.log.WarnContext(ctx, "storing the greeting", "session_id", sess.ID, "err", err)
	}
	return sess, nil
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

// say stores one transcript line and pushes it to the session's rooms.
func (s *Service) say(ctx context.Context, sess *Session, speaker, content string, seq int64) (bool, error) {
	return s.sayCapped(ctx, sess, speaker, content, seq, 0)
}

// sayCapped is say refusing the line (KindConflict "conversation_full") when
// the conversation already holds maxLines lines; 0 means no cap.
func (s *Service) sayCapped(ctx context.Context, sess *Session, speaker, content string, seq int64, maxLines int) (bool, error) {
	now := s.clock.Now()
	t := &Transcript{ID: mockroom.NewID(), SessionID: sess.ID, Speaker: speaker, Content: content, CreatedAt: now}
	if sess.StartedAt != nil {
		t.TimestampMS = now.Sub(*sess.StartedAt).Milliseconds()
	}
	applied, err := s.store.AddTranscript(ctx, t, seq, maxLines)
	if err != nil || !applied {
		return applied, err
	}
	s.notify(sess.ID, Notice{Transcript: t})
	return true, nil
}

// Session returns the user's session, or KindNotFound.
func (s *Service) Session(ctx context.Context, userID, id string) (*Session, error) {
	if !mockroom.ValidID(id) {
		return nil, mockroom.NotFound("session")
	}
	return s.store.Session(ctx, userID, id)
}

// activeSession returns the user's session and refuses one that has ended.
func (s *Service) activeSession(ctx context.Context, userID, id string) (*Session, error) {
	sess, err := s.Session(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if sess.Status != StatusActive {
		return nil, mockroom.Errorf(mockroom.KindConflict, "session_ended", "this interview has ended; open its summary to review it")
	}
	if s.Remaining(sess) <= 0 {
		s.end(ctx, sess, StatusCompleted, "time_up")
		return nil, mockroom.Errorf(mockroom.KindConflict, "session_ended", "time is up for this interview; open its summary to review it")
	}
	s.touch(id)
	return sess, nil
}

// List returns the user's sessions.
func (s *Service) List(ctx context.Context, userID string) ([]SessionSummary, error) {
	return s.store.ListSessions(ctx, userID, 100)
}

// Live returns the session's current code.
func (s *Service) Live(ctx context.Context, userID, id string) (*Session, *Live, error) {
	sess, err := s.Session(ctx, userID, id)
	if err != nil {
		return nil, nil, err
	}
	if sess.Status == StatusActive {
		s.touch(id)
	}
	live, err := s.store.Live(ctx, id)
	return sess, live, err
}

// Update is the PATCH: switch language, or complete the session. Code, with
// a language switch, is the editor's text in the language being left: it is
// kept with the switch, in the same transaction.
type Update struct {
	Language *string
	Code     *string
	Status   *string
}

// Update applies a candidate's change to an active session.
func (s *Service) Update(ctx context.Context, userID, id string, u Update) (*Session, error) {
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if u.Status != nil {
		if *u.Status != StatusCompleted {
			return nil, invalid("invalid_field", "status can only be set to completed (use POST /end)")
		}
		return s.End(ctx, userID, id)
	}
	if u.Language == nil {
		return sess, nil
	}
	if u.Code != nil {
		if len(*u.Code) > judge.MaxCodeBytes {
			return nil, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB; trim it to save", judge.MaxCodeBytes>>10)
		}
		if !utf8.ValidString(*u.Code) {
			return nil, invalid("invalid_field", "code must be UTF-8 text")
		}
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(s.Languages(p), *u.Language) {
		return nil, invalid("language_unavailable", "%q is not available for this problem; choose one of %s", *u.Language, strings.Join(s.Languages(p), ", "))
	}
	// One transaction: the code being left is stored before anything is
	// replaced, so a failed write loses nothing the candidate wrote.
	sess, _, err = s.store.SwitchLanguage(ctx, id, *u.Language, u.Code, p.StarterCode, s.clock.Now())
	if err != nil {
		return nil, mockroom.Wrap("interview.Update", err)
	}
	return sess, nil
}

func (s *Service) elapsedMS(sess *Session) int64 {
	if sess.StartedAt == nil {
		return 0
	}
	return s.clock.Now().Sub(*sess.StartedAt).Milliseconds()
}

// End completes the session at the candidate's request.
func (s *Service) End(ctx context.Context, userID, id string) (*Session, error) {
	sess, err := s.Session(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if sess.Status != StatusActive {
		return sess, nil
	}
	return s.end(ctx, sess, StatusCompleted, "candidate_ended")
}

// end moves sess to status with a final snapshot of the live code.
func (s *Service) end(ctx context.Context, sess *Session, status, reason string) (*Session, error) {
	now := s.clock.Now()
	var final *Snapshot
	if live, err := s.store.Live(ctx, sess.ID); err == nil {
		final = &Snapshot{ID: mockroom.NewID(), SessionID: sess.ID, Code: live.Code, Language: live.Language,
			TimestampMS: s.elapsedMS(sess), Type: SnapshotFinal, CreatedAt: now}
	}
	ev := event(events.SessionEnded, sess, "end", map[string]any{"status": status, "reason": reason}, now)
	ended, did, err := s.store.EndSession(ctx, sess.ID, status, now, final, ev)
	if err != nil {
		return nil, mockroom.Wrap("interview.end", err)
	}
	if did {
		s.log.InfoContext(ctx, "interview ended", "session_id", sess.ID, "status", status, "reason", reason)
		s.forget(sess.ID)
		s.notify(sess.ID, Notice{Ended: ended, Reason: reason})
	}
	return ended, nil
}

// SaveCode stores the candidate's code durably. seq > 0 comes from the
// realtime protocol (idempotent re-sends); 0 is a plain REST save.
func (s *Service) SaveCode(ctx context.Context, userID, id, code, language string, seq int64, manual bool) (bool, error) {
	if err := checkSeq(seq); err != nil {
		return false, err
	}
	if len(code) > judge.MaxCodeBytes {
		return false, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB; trim it to save", judge.MaxCodeBytes>>10)
	}
	if !utf8.ValidString(code) {
		return false, invalid("invalid_field", "code must be UTF-8 text")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return false, err
	}
	if language == "" {
		language = sess.Language
	}
	if language != sess.Language {
		return false, invalid("language_mismatch", "the session's language is %s; switch languages first", sess.Language)
	}
	now := s.clock.Now()
	var ev *events.Event
	s.mu.Lock()
	if now.Sub(s.lastEditEv[id]) >= s.cfg.EditEventEvery {
		e := event(events.CodeEdited, sess, fmt.Sprintf("%d:%d", seq, now.UnixNano()), map[string]any{"code": code, "language": language, "seq": seq}, now)
		ev = &e
		s.lastEditEv[id] = now
	}
	s.mu.Unlock()
	applied, err := s.store.SaveCode(ctx, id, code, language, seq, now, ev)
	if err != nil {
		return false, err
	}
	if manual {
		err = s.store.AddSnapshot(ctx, &Snapshot{ID: mockroom.NewID(), SessionID: id, Code: code, Language: language,
			TimestampMS: s.elapsedMS(sess), Type: SnapshotManual, CreatedAt: now}, nil)
	}
	return applied, err
}

// Chat stores a candidate's message and the interviewer's answer. The
// conversation is capped at MaxTranscript lines (the candidate's lines are
// refused past it; the interviewer's answer, hints and remarks still land),
// and the answer reads only the latest ReplyWindow lines, so a message costs
// the same at the end of a long interview as at its start.
func (s *Service) Chat(ctx context.Context, userID, id, text string, seq int64) (bool, error) {
	if err := checkSeq(seq); err != nil {
		return false, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return false, invalid("invalid_field", "text must not be empty")
	}
	if utf8.RuneCountInString(text) > 4000 {
		return false, mockroom.Errorf(mockroom.KindTooLarge, "message_too_long", "a message can be at most 4000 characters")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return false, err
	}
	applied, err := s.sayCapped(ctx, sess, SpeakerCandidate, text, seq, s.cfg.MaxTranscript)
	if e := mockroom.AsError(err); e != nil && e.Code == "conversation_full" {
		return false, mockroom.Errorf(mockroom.KindConflict, "conversation_full",
			"this interview's conversation is full (%d lines); keep coding — your code still saves and runs", s.cfg.MaxTranscript)
	}
	if err != nil || !applied {
		return applied, err
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return true, nil
	}
	history, _ := s.store.RecentTranscripts(ctx, id, s.cfg.ReplyWindow)
	if _, err := s.say(ctx, sess, SpeakerInterviewer, s.interviewer.Reply(p, sess, history, text), 0); err != nil {
		s.log.WarnContext(ctx, "storing the interviewer's reply", "session_id", id, "err", err)
	}
	return true, nil
}

// Hint hands out the next progressive hint.
func (s *Service) Hint(ctx context.Context, userID, id string, seq int64) (text string, used int, applied bool, err error) {
	if err := checkSeq(seq); err != nil {
		return "", 0, false, err
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return "", 0, false, err
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return "", 0, false, err
	}
	if len(p.Hints) == 0 {
		return "", 0, false, mockroom.Errorf(mockroom.KindConflict, "no_more_hints", "this problem has no hints; ask the interviewer instead")
	}
	now := s.clock.Now()
	ev := event(events.HintRequested, sess, fmt.Sprintf("%d", sess.HintsUsed+1), map[string]any{"hint_number": sess.HintsUsed + 1}, now)
	used, applied, err = s.store.UseHint(ctx, id, len(p.Hints), seq, ev)
	if err != nil {
		if mockroom.IsKind(err, mockroom.KindConflict) {
			return "", used, false, mockroom.Errorf(mockroom.KindConflict, "no_more_hints", "you have used all %d hints; talk it through with the interviewer", len(p.Hints))
		}
		return "", 0, false, err
	}
	if used < 1 || used > len(p.Hints) {
		return "", used, applied, nil
	}
	text = s.interviewer.Hint(p, used, len(p.Hints), p.Hints[used-1])
	if applied {
		if _, err := s.say(ctx, sess, SpeakerInterviewer, text, 0); err != nil {
			return "", used, applied, err
		}
	}
	return text, used, applied, nil
}

// Execute runs or submits code for the session, within the seed's limits.
func (s *Service) Execute(ctx context.Context, userID, id, code, language string, mode judge.Mode, custom json.RawMessage) (*judge.Report, error) {
	if mode != judge.ModeRun && mode != judge.ModeSubmit {
		return nil, invalid("invalid_field", "mode must be run or submit")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if language == "" {
		language = sess.Language
	}
	if language != sess.Language {
		return nil, invalid("language_mismatch", "the session's language is %s; switch languages first", sess.Language)
	}
	if len(code) > judge.MaxCodeBytes {
		return nil, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB", judge.MaxCodeBytes>>10)
	}
	for _, l := range []struct {
		key    string
		n      int
		window time.Duration
		what   string
	}{
		{"exec:session:" + id, s.cfg.RunsPerMinute, time.Minute, fmt.Sprintf("%d runs a minute in an interview", s.cfg.RunsPerMinute)},
		{"exec:user:" + userID, s.cfg.ExecsPerHour, time.Hour, fmt.Sprintf("%d runs an hour", s.cfg.ExecsPerHour)},
	} {
		ok, retry, err := s.limiter.Allow(ctx, l.key, l.n, l.window)
		if err != nil {
			return nil, err
		}
		if !ok {
			e := mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "you can make %s; try again in %d seconds", l.what, int(retry.Seconds()+0.999))
			e.RetryAfter = retry
			return nil, e
		}
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	// The code is what the candidate ran: make it durable first.
	if _, err := s.store.SaveCode(ctx, id, code, language, 0, s.clock.Now(), nil); err != nil {
		return nil, err
	}
	queued := func(pl admission.Place) {
		s.notify(id, Notice{Queued: &QueuePlace{Mode: mode, Ahead: pl.Ahead, Running: pl.Admitted}})
	}
	rep, err := s.judge.Execute(ctx, judge.Request{Problem: p, Language: language, Code: code, Mode: mode, CustomInput: custom, Queued: queued})
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	result, _ := json.Marshal(ExecutionSummary{Mode: string(mode), Status: string(rep.Status), Passed: rep.Passed, Total: rep.Total,
		CPUTimeMS: rep.CPUTimeMS, MemoryKB: rep.MemoryKB, Hidden: rep.Hidden})
	snap := &Snapshot{ID: mockroom.NewID(), SessionID: id, Code: code, Language: language, TimestampMS: s.elapsedMS(sess),
		Type: SnapshotExecution, ExecutionResult: result, CreatedAt: now}
	ev := event(events.CodeExecuted, sess, snap.ID, json.RawMessage(result), now)
	if err := s.store.AddSnapshot(ctx, snap, &ev); err != nil {
		return nil, err
	}
	if mode == judge.ModeSubmit {
		sess.TestCasesPassed, sess.TestCasesTotal = rep.Passed, rep.Total
		if err := s.store.UpdateSession(ctx, sess); err != nil {
			return nil, err
		}
	}
	s.notify(id, Notice{Execution: rep})
	return rep, nil
}

// SubmitStats counts every candidate's submits per problem id: aggregate
// numbers for the library's acceptance rate.
func (s *Service) SubmitStats(ctx context.Context) (map[string]SubmitStats, error) {
	return s.store.SubmitStats(mockroom.AsService(ctx))
}

// Progress is the user's standing on each problem they have tried.
func (s *Service) Progress(ctx context.Context, userID string) (map[string]string, error) {
	return s.store.Progress(ctx, userID)
}

// Transcript returns the conversation.
func (s *Service) Transcript(ctx context.Context, userID, id string) ([]Transcript, error) {
	if _, err := s.Session(ctx, userID, id); err != nil {
		return nil, err
	}
	return s.store.Transcripts(ctx, id)
}

// RecentTranscript returns the latest ReplyWindow lines of the conversation,
// oldest first: what a chat answer over REST carries.
func (s *Service) RecentTranscript(ctx context.Context, userID, id string) ([]Transcript, error) {
	if _, err := s.Session(ctx, userID, id); err != nil {
		return nil, err
	}
	return s.store.RecentTranscripts(ctx, id, s.cfg.ReplyWindow)
}

// Snapshots returns the stored code versions.
func (s *Service) Snapshots(ctx context.Context, userID, id string) ([]Snapshot, error) {
	if _, err := s.Session(ctx, userID, id); err != nil {
		return nil, err
	}
	return s.store.Snapshots(ctx, id)
}

// Touch records that a client of the session is alive (a WebSocket frame,
// a ping, or a REST poll).
func (s *Service) Touch(sessionID string) { s.touch(sessionID) }

func (s *Service) touch(id string) {
	s.mu.Lock()
	s.lastSeen[id] = s.clock.Now()
	s.mu.Unlock()
}

func (s *Service) forget(id string) {
	s.mu.Lock()
	delete(s.lastSeen, id)
	delete(s.lastEditEv, id)
	delete(s.lastAuto, id)
	delete(s.lastAutoAt, id)
	s.mu.Unlock()
}

// Sweep is the worker's tick: it ends sessions whose time is up, abandons
// those no client has touched for AbandonAfter, and takes auto snapshots of
// code that changed.
func (s *Service) Sweep(ctx context.Context) error {
	ctx = mockroom.AsService(ctx)
	active, err := s.store.ActiveSessions(ctx)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	for i := range active {
		sess := &active[i]
		if s.Remaining(sess) <= 0 {
			reason := "time_up"
			if sess.StartedAt != nil && now.Sub(*sess.StartedAt) >= s.cfg.HardLimit {
				reason = "hard_limit"
			}
			if _, err := s.end(ctx, sess, StatusCompleted, reason); err != nil {
				s.log.WarnContext(ctx, "ending an expired interview", "session_id", sess.ID, "err", err)
			}
			continue
		}
		s.mu.Lock()
		seen, ok := s.lastSeen[sess.ID]
		s.mu.Unlock()
		if !ok {
			seen = s.started // nobody since this process started: count from then
			if sess.StartedAt != nil && sess.StartedAt.After(seen) {
				seen = *sess.StartedAt
			}
		}
		if now.Sub(seen) >= s.cfg.AbandonAfter {
			if _, err := s.end(ctx, sess, StatusAbandoned, "abandoned"); err != nil {
				s.log.WarnContext(ctx, "abandoning an idle interview", "session_id", sess.ID, "err", err)
			}
			continue
		}
		s.autoSnapshot(ctx, sess, now)
	}
	return nil
}

func (s *Service) autoSnapshot(ctx context.Context, sess *Session, now time.Time) {
	s.mu.Lock()
	last := s.lastAutoAt[sess.ID]
	s.mu.Unlock()
	if now.Sub(last) < s.cfg.AutoSnapshotEvery {
		return
	}
	live, err := s.store.Live(ctx, sess.ID)
	if err != nil {
		return
	}
	sum := sha256.Sum256([]byte(live.Language + "\x00" + live.Code))
	hash := string(sum[:])
	s.mu.Lock()
	same := s.lastAuto[sess.ID] == hash
	if last.IsZero() && !same {
		// First look since start: remember without snapshotting starter code twice.
		s.lastAuto[sess.ID], s.lastAutoAt[sess.ID] = hash, now
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if same {
		return
	}
	err = s.store.AddSnapshot(ctx, &Snapshot{ID: mockroom.NewID(), SessionID: sess.ID, Code: live.Code, Language: live.Language,
		TimestampMS: s.elapsedMS(sess), Type: SnapshotAuto, CreatedAt: now}, nil)
	if err != nil {
		s.log.WarnContext(ctx, "auto snapshot", "session_id", sess.ID, "err", err)
		return
	}
	s.mu.Lock()
	s.lastAuto[sess.ID], s.lastAutoAt[sess.ID] = hash, now
	s.mu.Unlock()
}

// RunSweeper calls Sweep every interval until ctx ends.
func (s *Service) RunSweeper(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("interview sweep", "err", err)
			}
		}
	}
}

// ExpireIfDue ends sess when its time is up; it reports whether it did.
func (s *Service) ExpireIfDue(ctx context.Context, sess *Session) bool {
	if sess.Status != StatusActive || s.Remaining(sess) > 0 {
		return false
	}
	reason := "time_up"
	if sess.StartedAt != nil && s.clock.Now().Sub(*sess.StartedAt) >= s.cfg.HardLimit {
		reason = "hard_limit"
	}
	_, err := s.end(ctx, sess, StatusCompleted, reason)
	return err == nil
}

// HintsTotal is how many hints the session's problem has.
func (s *Service) HintsTotal(ctx context.Context, sess *Session) int {
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return 0
	}
	return len(p.Hints)
}

// InterviewerGroup is the consumer group through which the interviewer
// reacts to what happens in a session.
const InterviewerGroup = "interviewer"

// HandleEvent is the interviewer's consumer: after a run or a submit it says
// something about the result in the conversation. It is safe to deliver
// twice (the bus skips keys already done; a rare duplicate is one more
// remark, never lost work).
func (s *Service) HandleEvent(ctx context.Context, d events.Delivery) error {
	if d.Topic != events.CodeExecuted {
		return nil
	}
	ctx = mockroom.AsService(ctx)
	var r ExecutionSummary
	if err := json.Unmarshal(d.Payload, &r); err != nil {
		return nil // a malformed payload will not get better with retries
	}
	sess, err := s.store.SessionByID(ctx, d.SessionID)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if sess.Status != StatusActive {
		return nil
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return err
	}
	text := s.interviewer.React(p, sess, r)
	if text == "" {
		return nil
	}
	_, err = s.say(ctx, sess, SpeakerInterviewer, text, 0)
	return err
}
