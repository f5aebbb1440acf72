package relay

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/voice"
)

// call is one session's spoken interview.
type call struct {
	relay       *Relay
	userID      string
	sessionID   string
	ctx         context.Context
	cancel      context.CancelFunc
	endsAt      time.Time
	allowance   time.Duration // 0: no limit
	minutesLeft int
	order       []string
	started     time.Time
	wake        chan struct{}
	done        chan struct{}

	mu          sync.Mutex
	sink        Sink
	ptt         bool
	conn        voice.Conn
	live        State         // the state last announced (for a room that takes over)
	connected   time.Duration // connected time of this call, recorded segments included
	segStart    time.Time     // when the usage not yet recorded started
	lastAudio   time.Time     // the latest audio either way
	answering   bool
	detachedAt  time.Time
	stopped     bool
	stopState   State
	refreshDue  bool
	lastRefresh time.Time
	reconfigure bool
	tokens      float64
	lastRefill  time.Time
	outRate     int
	// pending is the last answer, whole from the model but maybe still
	// playing in the room: it is stored once its audio has had time to
	// play, or at once, cut to what was heard, if the candidate barges in.
	pending *pendingAnswer
}

type pendingAnswer struct {
	text      string
	audio     time.Duration
	playedBy  time.Time // when the room will have played it all
	startedAt time.Time
}

func (c *call) owner() Sink {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sink
}

func (c *call) announce(s State) {
	s.MinutesLeft = c.minutesLeftNow()
	c.mu.Lock()
	c.live = s
	sink := c.sink
	c.mu.Unlock()
	if sink != nil {
		sink.VoiceState(s)
	}
}

// minutesLeftNow is the monthly allowance left; -1 without a limit.
func (c *call) minutesLeftNow() int {
	if c.allowance <= 0 {
		return -1
	}
	c.mu.Lock()
	used := c.connected
	if !c.segStart.IsZero() {
		used += c.relay.clock.Now().Sub(c.segStart)
	}
	c.mu.Unlock()
	return max(int((c.allowance-used)/time.Minute), 0)
}

func (c *call) takeOver(sink Sink, ptt bool) {
	c.mu.Lock()
	old := c.sink
	c.sink = sink
	c.detachedAt = time.Time{}
	if ptt != c.ptt {
		c.ptt = ptt
		c.reconfigure = true
	}
	live := c.live
	conn := c.conn
	reconf := c.reconfigure
	c.mu.Unlock()
	if old != nil && old != sink {
		old.VoiceState(State{Status: StatusOff, Reason: ReasonTakenOver, Message: "Voice moved to another tab of this interview.", MinutesLeft: live.MinutesLeft})
	}
	if reconf && conn != nil {
		conn.Close() // the loop reconnects with the new turn mode
		return
	}
	if live.Status != "" {
		sink.VoiceState(live)
	}
}

func (c *call) detach(sink Sink) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sink == sink {
		c.sink = nil
		c.detachedAt = c.relay.clock.Now()
	}
}

func (c *call) isStopped() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopped
}

func (c *call) stop(reason, message string, fallback bool) {
	c.mu.Lock()
	if !c.stopped {
		c.stopped = true
		c.stopState = State{Status: StatusOff, Reason: reason, Message: message, Fallback: fallback}
	}
	c.mu.Unlock()
	c.cancel()
}

func (c *call) withConn(f func(voice.Conn) error) error {
	c.mu.Lock()
	conn := c.conn
	c.mu.Unlock()
	if conn == nil {
		return nil // connecting: the moment passes
	}
	return f(conn)
}

// audio relays one frame, within the frame rate.
func (c *call) audio(pcm []byte) error {
	cfg := &c.relay.cfg
	now := c.relay.clock.Now()
	c.mu.Lock()
	if c.lastRefill.IsZero() {
		c.tokens, c.lastRefill = cfg.FramesPerSec, now
	}
	c.tokens = min(c.tokens+now.Sub(c.lastRefill).Seconds()*cfg.FramesPerSec, cfg.FramesPerSec)
	c.lastRefill = now
	if c.tokens < 1 {
		c.mu.Unlock()
		return ErrFrameRate
	}
	c.tokens--
	c.lastAudio = now
	conn := c.conn
	c.mu.Unlock()
	if conn != nil {
		conn.SendAudio(pcm) // a closed connection is noticed by the loop, which reconnects
	}
	return nil
}

// interrupt is a barge-in reported by the room: the answer stops after
// played of its audio. An answer the model had finished is stored cut to
// the words heard (in proportion to the audio played).
func (c *call) interrupt(played time.Duration) error {
	c.mu.Lock()
	p := c.pending
	c.pending = nil
	conn := c.conn
	c.mu.Unlock()
	if p != nil {
		c.storeAnswer(heardText(p.text, played, p.audio), played < p.audio)
		if played < p.audio {
			c.activity(interview.SpeakerInterviewer, "interrupted", 0)
		}
	}
	if conn == nil {
		return nil
	}
	return conn.Interrupt(played)
}

// heardText is the part of text spoken in the first played of audio long.
func heardText(text string, played, audio time.Duration) string {
	if audio <= 0 || played >= audio {
		return text
	}
	words := strings.Fields(text)
	n := int(float64(len(words)) * float64(played) / float64(audio))
	return strings.Join(words[:max(n, 0)], " ")
}

// flushPending stores the pending answer whole once it has played (or
// now, when force).
func (c *call) flushPending(force bool) {
	c.mu.Lock()
	p := c.pending
	if p == nil || !force && c.relay.clock.Now().Before(p.playedBy) {
		c.mu.Unlock()
		return
	}
	c.pending = nil
	c.mu.Unlock()
	c.storeAnswer(p.text, false)
}

// storeAnswer stores an interviewer line; it outlives the call's context
// (an answer that ends as voice stops is still kept).
func (c *call) storeAnswer(text string, cut bool) {
	if strings.TrimSpace(text) == "" && !cut {
		return
	}
	if strings.TrimSpace(text) == "" {
		text = "(interrupted)"
	}
	ctx, cancel := context.WithTimeout(mockroom.WithActor(context.Background(), mockroom.ActorFrom(c.ctx)), 5*time.Second)
	defer cancel()
	if _, err := c.relay.svc.Spoken(ctx, c.userID, c.sessionID, interview.SpeakerInterviewer, text, cut, false); err != nil {
		c.relay.log.Warn("voice: storing the interviewer's words", "session_id", c.sessionID, "err", err)
	}
}

func (c *call) note(l voice.Line) {
	c.withConn(func(conn voice.Conn) error { return conn.Note(l) })
}

// refresh asks the loop to re-send the instructions.
func (c *call) refresh() {
	c.mu.Lock()
	c.refreshDue = true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// run connects to the providers in order, reconnecting with backoff, until
// the call stops or every provider has failed.
func (c *call) run() {
	defer c.finish()
	r := c.relay
	first := true
	var last error
	for _, name := range c.order {
		p := r.cfg.Providers[name]
		fails := 0
		for {
			status := StatusConnecting
			if !first {
				status = StatusReconnecting
			}
			c.announce(State{Status: status, Provider: p.Name(), Model: p.Model()})
			conn, err := c.connect(p)
			if c.ctx.Err() != nil {
				if conn != nil {
					conn.Close()
				}
				return
			}
			if err == nil {
				first = false
				var stable bool
				err, stable = c.serve(p, conn)
				if c.ctx.Err() != nil {
					return
				}
				if stable {
					fails = 0
				}
				if errors.Is(err, errReconfigure) {
					continue
				}
			}
			last = err
			r.log.Warn("voice: provider connection failed", "session_id", c.sessionID, "provider", p.Name(), "err", err)
			if voice.IsFatal(err) {
				break
			}
			fails++
			if fails > r.cfg.Retries {
				break
			}
			wait := r.cfg.Backoff << (fails - 1)
			select {
			case <-c.ctx.Done():
				return
			case <-time.After(wait):
			}
			first = false
		}
	}
	msg := "Voice stopped: the speech service is unavailable. The interview continues in the chat; you can try voice again."
	if last != nil && voice.IsFatal(last) {
		msg = "Voice stopped: the speech service refused the connection. The interview continues in the chat."
	}
	c.stop(ReasonFailed, msg, true)
}

var errReconfigure = errors.New("relay: reconnect with a new turn mode")

func (c *call) connect(p voice.Provider) (voice.Conn, error) {
	r := c.relay
	vc, err := r.svc.VoiceContext(c.ctx, c.userID, c.sessionID)
	if err != nil {
		if e := mockroom.AsError(err); e != nil && e.Code == "session_ended" {
			c.stop(ReasonEnded, "The interview has ended.", false)
		}
		return nil, &voice.Error{Provider: "mockroom", Code: "context", Message: err.Error(), Fatal: true}
	}
	setup := voice.Setup{SessionID: c.sessionID, Instructions: vc.Instructions}
	for _, t := range vc.History {
		setup.History = append(setup.History, voice.Line{Speaker: t.Speaker, Text: t.Content})
	}
	c.mu.Lock()
	setup.PushToTalk = c.ptt
	c.reconfigure = false
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(c.ctx, r.cfg.ConnectTimeout)
	defer cancel()
	return p.Connect(ctx, setup)
}

// serve relays one open connection until it ends. stable says it lived
// long enough to reset the failure count.
func (c *call) serve(p voice.Provider, conn voice.Conn) (err error, stable bool) {
	r := c.relay
	now := r.clock.Now()
	c.mu.Lock()
	c.conn = conn
	c.segStart = now
	c.lastAudio = now
	c.lastRefresh = now
	ptt := c.ptt
	c.mu.Unlock()
	f := conn.Format()
	c.announce(State{Status: StatusLive, Provider: p.Name(), Model: p.Model(), InputRate: f.InputRate, OutputRate: f.OutputRate, PushToTalk: ptt})
	defer func() {
		c.mu.Lock()
		c.conn = nil
		reconf := c.reconfigure
		c.mu.Unlock()
		conn.Close()
		c.flushPending(true)
		c.record(p, voice.Metering{})
		c.mu.Lock()
		c.segStart = time.Time{}
		c.mu.Unlock()
		stable = r.clock.Now().Sub(now) > 30*time.Second
		if reconf {
			err = errReconfigure
		}
	}()

	end := time.NewTimer(max(c.endsAt.Sub(now), 0))
	defer end.Stop()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	var stoppedAt, answerStart time.Time
	var firstAudio bool
	var answerBytes int
	for {
		select {
		case <-c.ctx.Done():
			return nil, false
		case <-end.C:
			c.stop(ReasonEnded, "The interview's time is up.", false)
			return nil, false
		case <-c.wake:
			c.maybeRefresh(conn, false)
		case <-tick.C:
			c.flushPending(false)
			if c.checkLimits() {
				return nil, false
			}
			c.maybeRefresh(conn, true)
		case ev, ok := <-conn.Events():
			if !ok {
				if err := conn.Err(); err != nil {
					return err, false
				}
				return &voice.Error{Provider: p.Name(), Code: "closed", Message: "the connection closed"}, false
			}
			switch ev.Kind {
			case voice.SpeechStarted:
				c.activity(interview.SpeakerCandidate, "started", 0)
			case voice.SpeechStopped:
				stoppedAt = r.clock.Now()
				c.activity(interview.SpeakerCandidate, "stopped", 0)
			case voice.CandidateText:
				if _, err := r.svc.Spoken(c.ctx, c.userID, c.sessionID, interview.SpeakerCandidate, ev.Text, false, p.Name() != "local"); err != nil {
					r.log.Warn("voice: storing the candidate's words", "session_id", c.sessionID, "err", err)
				}
			case voice.AnswerStarted:
				c.mu.Lock()
				c.answering = true
				c.mu.Unlock()
				firstAudio = false
			case voice.Audio:
				answerBytes += len(ev.Audio)
				if !firstAudio {
					firstAudio = true
					answerStart = r.clock.Now()
					var lat time.Duration
					if !stoppedAt.IsZero() {
						lat = r.clock.Now().Sub(stoppedAt)
						stoppedAt = time.Time{}
						r.cfg.Metrics.answered(p.Name(), lat.Seconds())
					}
					c.activity(interview.SpeakerInterviewer, "started", lat)
				}
				c.mu.Lock()
				c.lastAudio = r.clock.Now()
				sink := c.sink
				c.mu.Unlock()
				if sink != nil {
					sink.Audio(ev.Audio)
				}
			case voice.AnswerDelta:
				if sink := c.owner(); sink != nil {
					sink.AnswerText(ev.Text, false)
				}
			case voice.AnswerDone:
				now := r.clock.Now()
				c.mu.Lock()
				c.answering = false
				c.lastAudio = now
				sink := c.sink
				prev := c.pending
				c.pending = nil
				if !ev.Cut {
					d := time.Duration(answerBytes/2) * time.Second / time.Duration(max(f.OutputRate, 1))
					start := answerStart
					if start.IsZero() {
						start = now
					}
					c.pending = &pendingAnswer{text: ev.Text, audio: d, startedAt: start, playedBy: start.Add(d + 300*time.Millisecond)}
				}
				c.mu.Unlock()
				firstAudio = false
				answerBytes, answerStart = 0, time.Time{}
				if prev != nil {
					c.storeAnswer(prev.text, false)
				}
				if sink != nil {
					sink.AnswerText("", true)
				}
				if ev.Cut {
					c.activity(interview.SpeakerInterviewer, "interrupted", 0)
					c.storeAnswer(ev.Text, true)
				} else {
					c.activity(interview.SpeakerInterviewer, "stopped", 0)
				}
			case voice.Usage:
				c.record(p, ev.Usage)
			case voice.Warning:
				r.log.Info("voice: provider warning", "session_id", c.sessionID, "provider", p.Name(), "err", ev.Err)
			}
		}
	}
}

func (c *call) activity(speaker, state string, lat time.Duration) {
	if sink := c.owner(); sink != nil {
		sink.VoiceActivity(speaker, state, lat)
	}
}

// checkLimits stops the call when its room is gone past the grace, it
// has been idle, or the allowance is spent; it reports whether it did.
func (c *call) checkLimits() bool {
	r := c.relay
	now := r.clock.Now()
	c.mu.Lock()
	detached := !c.detachedAt.IsZero() && now.Sub(c.detachedAt) > r.cfg.Grace
	idle := !c.answering && now.Sub(c.lastAudio) > r.cfg.IdleTimeout
	c.mu.Unlock()
	switch {
	case detached:
		c.stop(ReasonStopped, "", false)
	case idle:
		c.stop(ReasonIdle, "Voice paused after a quiet minute to save your allowance. Press the microphone to talk again.", false)
	case c.allowance > 0 && c.minutesLeftNow() <= 0 && c.usedNow() >= c.allowance:
		c.stop(ReasonLimit, "You have used this month's voice minutes. The interview continues in the chat.", false)
	default:
		return false
	}
	return true
}

func (c *call) usedNow() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	used := c.connected
	if !c.segStart.IsZero() {
		used += c.relay.clock.Now().Sub(c.segStart)
	}
	return used
}

// maybeRefresh re-sends the instructions when something changed (at most
// every ContextEvery) or a minute passed (the time left).
func (c *call) maybeRefresh(conn voice.Conn, timed bool) {
	r := c.relay
	now := r.clock.Now()
	c.mu.Lock()
	due := c.refreshDue && now.Sub(c.lastRefresh) >= r.cfg.ContextEvery || timed && now.Sub(c.lastRefresh) >= time.Minute
	if due {
		c.refreshDue = false
		c.lastRefresh = now
	}
	c.mu.Unlock()
	if !due {
		return
	}
	vc, err := r.svc.VoiceContext(c.ctx, c.userID, c.sessionID)
	if err != nil {
		return
	}
	if err := conn.Instruct(vc.Instructions); err != nil {
		r.log.Info("voice: refreshing the instructions", "session_id", c.sessionID, "err", err)
	}
}

// record stores what the connection used since the last record.
func (c *call) record(p voice.Provider, m voice.Metering) {
	r := c.relay
	now := r.clock.Now()
	c.mu.Lock()
	var seg time.Duration
	if !c.segStart.IsZero() {
		seg = now.Sub(c.segStart)
		c.segStart = now
	}
	c.connected += seg
	c.mu.Unlock()
	if seg <= 0 && m == (voice.Metering{}) {
		return
	}
	u := voice.UsageRecord{SessionID: c.sessionID, UserID: c.userID, Provider: p.Name(), Model: p.Model(), Connected: seg,
		AudioIn: m.AudioIn, AudioOut: m.AudioOut, InputTokens: m.InputTokens, OutputTokens: m.OutputTokens,
		CostMicroUSD: r.cfg.Prices.Cost(p.Model(), m), At: now}
	// The usage is the service's to write, whoever's socket asked.
	if err := r.usage.RecordVoiceUsage(mockroom.AsService(context.Background()), u); err != nil {
		r.log.Error("voice: recording usage", "session_id", c.sessionID, "err", err)
	}
	r.cfg.Metrics.usage(p.Name(), seg.Seconds(), m.AudioIn.Seconds(), m.AudioOut.Seconds())
}

// finish removes the call and tells its room voice is off.
func (c *call) finish() {
	r := c.relay
	c.cancel()
	r.mu.Lock()
	if r.calls[c.sessionID] == c {
		delete(r.calls, c.sessionID)
	}
	r.mu.Unlock()
	c.mu.Lock()
	st := c.stopState
	if !c.stopped {
		st = State{Status: StatusOff, Reason: ReasonStopped}
	}
	sink := c.sink
	c.mu.Unlock()
	st.MinutesLeft = c.minutesLeftNow()
	if sink != nil {
		sink.VoiceState(st)
	}
	close(c.done)
	r.wg.Done()
}
