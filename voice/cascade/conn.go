package cascade

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/vad"
)

const (
	frameMS      = 20                     // what the VAD is fed
	preRoll      = 200 * time.Millisecond // kept before speech starts, so its onset reaches speech-to-text
	tail         = 200 * time.Millisecond // kept of the silence that ended an utterance
	maxUtterance = 60 * time.Second       // a longer one is ended (VAD) or trimmed (push-to-talk)
)

var errClosed = errors.New("cascade: connection closed")

// Conn is one conversation through the cascade. A single worker runs the
// turns in order; SendAudio runs the VAD on the caller's goroutine and
// barges in from there.
//
// Locks: emitMu (event order, answer.done) may be held while taking mu;
// never the other way round. answer.mu is taken last.
type Conn struct {
	p         *Provider
	voiceName string
	sessionID string
	ptt       bool

	ctx    context.Context
	cancel context.CancelFunc
	events chan voice.Event
	wake   chan struct{}

	emitMu   sync.Mutex
	evClosed bool

	mu           sync.Mutex
	closed       bool
	err          error
	instructions string
	history      []voice.Line
	det          *vad.Detector
	rem          []byte // a partial VAD frame
	preroll      []byte
	utter        []byte
	capturing    bool // VAD: inside an utterance
	started      bool // SpeechStarted was sent for the utterance being captured
	utterStart   time.Duration
	queue        []*turn
	cur          *turn
	last         *answer
	carry        string // transcripts of superseded utterances, answered with the next
	answers      int
}

// turn is one utterance on its way to an answer.
type turn struct {
	audio      []byte
	ctx        context.Context // the answer's; cancelled by a barge-in
	cancel     context.CancelFunc
	superseded bool    // c.mu: the candidate spoke again before its answer started
	ans        *answer // c.mu
}

var _ voice.Conn = (*Conn)(nil)

func newConn(p *Provider, s voice.Setup, voiceName string) *Conn {
	ctx, cancel := context.WithCancel(context.Background())
	c := &Conn{p: p, voiceName: voiceName, sessionID: s.SessionID, ptt: s.PushToTalk,
		ctx: ctx, cancel: cancel, events: make(chan voice.Event, 256), wake: make(chan struct{}, 1),
		instructions: s.Instructions, history: append([]voice.Line(nil), s.History...),
		det: vad.New(InputRate, p.cfg.VAD)}
	go c.loop()
	return c
}

// Format implements voice.Conn.
func (c *Conn) Format() voice.Format {
	return voice.Format{InputRate: InputRate, OutputRate: OutputRate}
}

// Events implements voice.Conn.
func (c *Conn) Events() <-chan voice.Event { return c.events }

// Err implements voice.Conn.
func (c *Conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close implements voice.Conn.
func (c *Conn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.cancel()
	return nil
}

// usable says why the Conn takes no more input; c.mu held.
func (c *Conn) usable() error {
	if c.closed {
		return errClosed
	}
	if c.ctx.Err() != nil {
		if c.err != nil {
			return c.err
		}
		return errClosed
	}
	return nil
}

// Instruct implements voice.Conn: the next answers follow instructions.
func (c *Conn) Instruct(instructions string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.usable(); err != nil {
		return err
	}
	c.instructions = instructions
	return nil
}

// Note implements voice.Conn: l joins the history the next answers see.
func (c *Conn) Note(l voice.Line) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.usable(); err != nil {
		return err
	}
	c.history = append(c.history, l)
	return nil
}

// action is what the VAD decided, carried out once c.mu is released.
type action struct {
	started bool  // SpeechStarted and a barge-in
	stopped *turn // SpeechStopped (when sent) and the turn to answer
	speech  bool  // the stopped turn had a SpeechStarted
}

// SendAudio implements voice.Conn: audio (PCM16 at 16 kHz) feeds the VAD
// in 20 ms frames; an utterance is kept from preRoll before its speech
// started.
func (c *Conn) SendAudio(b []byte) error {
	c.mu.Lock()
	if err := c.usable(); err != nil {
		c.mu.Unlock()
		return err
	}
	var acts []action
	data := append(c.rem, b...)
	size := voice.Bytes(frameMS*time.Millisecond, InputRate)
	for ; len(data) >= size; data = data[size:] {
		acts = c.feed(data[:size], acts)
	}
	c.rem = append([]byte(nil), data...)
	c.mu.Unlock()
	c.act(acts)
	return nil
}

// feed runs one frame through the VAD; c.mu held.
func (c *Conn) feed(frame []byte, acts []action) []action {
	tr, at := c.det.Feed(frame)
	switch {
	case c.ptt:
		c.utter = append(c.utter, frame...)
		if max := voice.Bytes(maxUtterance, InputRate); len(c.utter) > max {
			c.utter = c.utter[len(c.utter)-max:]
		}
	case c.capturing:
		c.utter = append(c.utter, frame...)
	default:
		c.preroll = append(c.preroll, frame...)
		if max := voice.Bytes(preRoll, InputRate); len(c.preroll) > max {
			c.preroll = c.preroll[len(c.preroll)-max:]
		}
	}
	switch tr {
	case vad.Started:
		if !c.ptt && !c.capturing {
			c.capturing, c.utter, c.preroll = true, c.preroll, nil
			c.utterStart = c.det.Position() - voice.Duration(c.utter, InputRate)
		}
		if !c.started {
			c.started = true
			acts = append(acts, action{started: true})
		}
	case vad.Stopped:
		if !c.ptt && c.capturing {
			keep := voice.Bytes(at+tail-c.utterStart, InputRate)
			acts = append(acts, c.endUtterance(keep))
		}
	}
	if !c.ptt && c.capturing && len(c.utter) >= voice.Bytes(maxUtterance, InputRate) {
		c.det.Reset()
		acts = append(acts, c.endUtterance(len(c.utter)))
	}
	return acts
}

// endUtterance takes the utterance captured so far (its first keep bytes)
// as a turn; c.mu held.
func (c *Conn) endUtterance(keep int) action {
	if keep < len(c.utter) && keep > 0 {
		c.utter = c.utter[:keep]
	}
	a := action{stopped: &turn{audio: c.utter}, speech: c.started}
	c.utter, c.capturing, c.started = nil, false, false
	return a
}

func (c *Conn) act(acts []action) {
	for _, a := range acts {
		if a.started {
			c.emit(voice.Event{Kind: voice.SpeechStarted})
			c.bargeIn()
		}
		if a.stopped != nil {
			if a.speech {
				c.emit(voice.Event{Kind: voice.SpeechStopped})
			}
			c.enqueue(a.stopped)
		}
	}
}

// Commit implements voice.Conn: the utterance so far is a turn (in VAD
// mode only while one is being captured).
func (c *Conn) Commit() error {
	c.mu.Lock()
	if err := c.usable(); err != nil {
		c.mu.Unlock()
		return err
	}
	var acts []action
	// Under 100 ms is a click of the key, not speech.
	if (c.ptt || c.capturing) && len(c.utter) >= voice.Bytes(100*time.Millisecond, InputRate) {
		c.det.Reset()
		acts = append(acts, c.endUtterance(len(c.utter)))
	}
	if c.ptt {
		c.utter, c.started = nil, false
	}
	c.mu.Unlock()
	c.act(acts)
	return nil
}

// bargeIn: the candidate speaks again. An answer under way is cut; turns
// not yet answered are superseded (transcribed, then answered together
// with what the candidate says now).
func (c *Conn) bargeIn() {
	c.mu.Lock()
	for _, t := range c.queue {
		t.superseded = true
	}
	var a *answer
	t := c.cur
	if t != nil {
		t.superseded = true
		a = t.ans
	}
	c.mu.Unlock()
	if a != nil {
		c.cut(t, a, a.played(), false)
	}
}

// Interrupt implements voice.Conn: the answer being spoken stops, and only
// what the candidate heard of it stays in the history (see answer.heard). It
// also trims an answer that has finished sending but was still playing.
func (c *Conn) Interrupt(heard time.Duration) error {
	c.mu.Lock()
	if err := c.usable(); err != nil {
		c.mu.Unlock()
		return err
	}
	t, a := c.cur, c.last
	if t != nil && t.ans != nil {
		a = t.ans
	} else {
		t = nil
	}
	c.mu.Unlock()
	if a != nil {
		c.cut(t, a, max(heard, 0), true)
	}
	return nil
}

// cut stops a (t's answer, when it is still under way) and keeps what was
// heard of it in the history. exact is the listener's own figure, which may
// also trim an answer that had finished sending but was still playing.
func (c *Conn) cut(t *turn, a *answer, heard time.Duration, exact bool) {
	if t != nil {
		t.cancel()
	}
	if !c.finish(a, true) && !exact {
		return
	}
	a.mu.Lock()
	if exact || !a.exactLimit {
		a.limit, a.exactLimit = heard, exact
	}
	a.mu.Unlock()
	c.record(a)
}

func (c *Conn) enqueue(t *turn) {
	c.mu.Lock()
	c.queue = append(c.queue, t)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// loop is the worker: it answers the turns in order and closes Events when
// the Conn ends.
func (c *Conn) loop() {
	defer c.closeEvents()
	for {
		t := c.next()
		if t == nil {
			return
		}
		c.run(t)
		t.cancel()
		c.mu.Lock()
		c.cur = nil
		c.mu.Unlock()
	}
}

func (c *Conn) next() *turn {
	for {
		c.mu.Lock()
		if c.ctx.Err() != nil {
			c.mu.Unlock()
			return nil
		}
		if len(c.queue) > 0 {
			t := c.queue[0]
			c.queue = c.queue[1:]
			t.ctx, t.cancel = context.WithCancel(c.ctx)
			c.cur = t
			c.mu.Unlock()
			return t
		}
		c.mu.Unlock()
		select {
		case <-c.wake:
		case <-c.ctx.Done():
		}
	}
}

// run takes one turn: speech-to-text, then the answer.
func (c *Conn) run(t *turn) {
	use := voice.Metering{AudioIn: voice.Duration(t.audio, InputRate)}
	// A barge-in does not cancel speech-to-text: the words are kept.
	text, err := c.p.transcribe(c.ctx, t.audio)
	if err != nil {
		c.failed(err)
		return
	}
	if text != "" {
		c.emit(voice.Event{Kind: voice.CandidateText, Text: text})
	}
	c.emitMu.Lock()
	c.mu.Lock()
	utterance := strings.TrimSpace(c.carry + " " + text)
	if t.superseded || utterance == "" || c.ctx.Err() != nil {
		c.carry = utterance
		c.mu.Unlock()
		c.emitMu.Unlock()
		c.emit(voice.Event{Kind: voice.Usage, Usage: use})
		return
	}
	c.carry = ""
	req := Request{SessionID: c.sessionID, Instructions: c.instructions, History: spoken(c.history), Utterance: utterance}
	c.history = append(c.history, voice.Line{Speaker: voice.SpeakerCandidate, Text: utterance})
	c.answers++
	a := &answer{id: fmt.Sprintf("answer-%d", c.answers), line: -1, limit: -1}
	t.ans, c.last = a, a
	c.mu.Unlock()
	// Under emitMu, so that a cut's AnswerDone cannot come first.
	c.send(voice.Event{Kind: voice.AnswerStarted, ItemID: a.id})
	c.emitMu.Unlock()

	m := c.answer(t, a, req)
	m.AudioIn = use.AudioIn
	c.emit(voice.Event{Kind: voice.Usage, ItemID: a.id, Usage: m})
}

// failed reports a failed request: a Warning when the Conn survives it,
// else the Conn ends with it. It says whether the Conn ends.
func (c *Conn) failed(err error) bool {
	if c.ctx.Err() != nil {
		return true
	}
	e, end := c.p.classify(c.ctx, err)
	if end {
		c.fail(e)
		return true
	}
	c.emit(voice.Event{Kind: voice.Warning, Err: e})
	return false
}

// fail ends the Conn with err (unless Close came first).
func (c *Conn) fail(err error) {
	c.mu.Lock()
	if c.err == nil && !c.closed {
		c.err = err
	}
	c.mu.Unlock()
	c.cancel()
}

// spoken copies the lines that say something.
func spoken(h []voice.Line) []voice.Line {
	out := make([]voice.Line, 0, len(h))
	for _, l := range h {
		if strings.TrimSpace(l.Text) != "" {
			out = append(out, l)
		}
	}
	return out
}

// emit sends e unless Events is closed. A full channel blocks until the
// reader takes it or the Conn ends.
func (c *Conn) emit(e voice.Event) bool {
	c.emitMu.Lock()
	defer c.emitMu.Unlock()
	return c.send(e)
}

// send is emit with emitMu held.
func (c *Conn) send(e voice.Event) bool {
	if c.evClosed {
		return false
	}
	select {
	case c.events <- e:
		return true
	default:
	}
	select {
	case c.events <- e:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// emitAnswer sends an event of a unless a is over.
func (c *Conn) emitAnswer(a *answer, e voice.Event) bool {
	c.emitMu.Lock()
	defer c.emitMu.Unlock()
	if a.done {
		return false
	}
	e.ItemID = a.id
	return c.send(e)
}

// finish sends a's AnswerDone, once. It says whether this call did.
func (c *Conn) finish(a *answer, cut bool) bool {
	c.emitMu.Lock()
	defer c.emitMu.Unlock()
	if a.done {
		return false
	}
	a.done = true
	a.mu.Lock()
	a.cut = cut
	text := a.text.String()
	a.mu.Unlock()
	c.send(voice.Event{Kind: voice.AnswerDone, ItemID: a.id, Text: text, Cut: cut})
	return true
}

func (c *Conn) closeEvents() {
	c.emitMu.Lock()
	defer c.emitMu.Unlock()
	c.evClosed = true
	close(c.events)
}
