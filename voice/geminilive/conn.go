package geminilive

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/genai"

	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/pcm"
)

const (
	maxFailures = 3                // consecutive failed reconnects before giving up
	stableAfter = 10 * time.Second // a connection that lived this long resets the count
	backoff     = 250 * time.Millisecond
	queued      = 256 // events waiting for the reader before the read loop waits too
)

// Conn is one Gemini Live session, kept across reconnections.
type Conn struct {
	p      *Provider
	setup  voice.Setup
	ctx    context.Context // ends with Close: unblocks emits and dials
	cancel context.CancelFunc
	events chan voice.Event
	pumped chan struct{} // Events is closed
	done   chan struct{} // the read loop ended and Events is closed

	closing atomic.Bool
	audioIn atomic.Int64 // candidate bytes sent since the last Usage

	sendMu       sync.Mutex // serialises every Send*: the SDK Session has no lock
	sess         *genai.Session
	instructions string // the newest, for a resumed setup
	activityOpen bool   // push-to-talk: activityStart sent, activityEnd not yet
	ended        error  // why sends are refused once the read loop ended

	errMu sync.Mutex
	err   error

	// Read loop only.
	handle   string // newest resumption handle
	goAway   bool   // the server asked us to move; done when no answer is open
	opened   time.Time
	failures int

	// Events go through an ordered queue and a pump goroutine, so that
	// Interrupt, which may run on the goroutine reading Events, never waits
	// for that reader; the read loop alone waits when the queue is long.
	evMu  sync.Mutex // guards the queue and the turn state
	evQ   []voice.Event
	evEnd bool          // the read loop ended: the pump closes Events when the queue is empty
	wake  chan struct{} // an event was queued, or evEnd set
	space chan struct{} // the pump took an event

	turns       int
	turnOpen    bool // AnswerStarted emitted, turnComplete not yet
	itemID      string
	out         strings.Builder // output transcription of the turn
	audioOut    int             // audio bytes of the turn, forwarded or not
	cut         bool            // AnswerDone{Cut} emitted: drop the rest of the turn
	generated   bool            // generationComplete seen
	interrupted bool            // the server interrupted this turn
	usage       *genai.UsageMetadata
	in          strings.Builder // input transcription of the utterance
	signalled   bool            // SpeechStarted emitted for the utterance
	speaking    bool            // and SpeechStopped not yet
}

var _ voice.Conn = (*Conn)(nil)

func newConn(p *Provider, s voice.Setup) *Conn {
	c := &Conn{p: p, setup: s, instructions: s.Instructions,
		events: make(chan voice.Event, 16), pumped: make(chan struct{}), done: make(chan struct{}),
		wake: make(chan struct{}, 1), space: make(chan struct{}, 1)}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	return c
}

// liveConfig is the setup; handle resumes a session ("" starts one).
func (c *Conn) liveConfig(handle string) *genai.LiveConnectConfig {
	voiceName := c.setup.Voice
	if voiceName == "" {
		voiceName = c.p.cfg.Voice
	}
	lc := &genai.LiveConnectConfig{
		ResponseModalities: []genai.Modality{genai.ModalityAudio},
		SpeechConfig: &genai.SpeechConfig{VoiceConfig: &genai.VoiceConfig{
			PrebuiltVoiceConfig: &genai.PrebuiltVoiceConfig{VoiceName: voiceName}}},
		InputAudioTranscription:  &genai.AudioTranscriptionConfig{},
		OutputAudioTranscription: &genai.AudioTranscriptionConfig{},
		SessionResumption:        &genai.SessionResumptionConfig{Handle: handle},
		// Without compression an audio session stops at 15 minutes.
		ContextWindowCompression: &genai.ContextWindowCompressionConfig{SlidingWindow: &genai.SlidingWindow{}},
		RealtimeInputConfig: &genai.RealtimeInputConfig{
			AutomaticActivityDetection: &genai.AutomaticActivityDetection{Disabled: c.setup.PushToTalk},
			ActivityHandling:           genai.ActivityHandlingStartOfActivityInterrupts,
		},
	}
	if c.instructions != "" {
		lc.SystemInstruction = &genai.Content{Parts: []*genai.Part{{Text: c.instructions}}}
	}
	return lc
}

func (c *Conn) start(sess *genai.Session) {
	c.sess = sess
	c.opened = time.Now()
	go c.pump()
	go c.readLoop()
}

// Format: 16 kHz in, 24 kHz out, as Live speaks.
func (c *Conn) Format() voice.Format {
	return voice.Format{InputRate: inputRate, OutputRate: outputRate}
}

// Events delivers what the session does; closed when it ends.
func (c *Conn) Events() <-chan voice.Event { return c.events }

// Err says why the events ended (nil after Close).
func (c *Conn) Err() error {
	c.errMu.Lock()
	defer c.errMu.Unlock()
	return c.err
}

// SendAudio streams candidate PCM16 at 16 kHz. With push-to-talk the
// first audio of a turn opens the candidate's activity.
func (c *Conn) SendAudio(b []byte) error {
	if len(b) == 0 {
		return c.send(func(*genai.Session) error { return nil })
	}
	return c.send(func(s *genai.Session) error {
		if c.setup.PushToTalk && !c.activityOpen {
			if err := s.SendRealtimeInput(genai.LiveRealtimeInput{ActivityStart: &genai.ActivityStart{}}); err != nil {
				return err
			}
			c.activityOpen = true
		}
		c.audioIn.Add(int64(len(b)))
		return s.SendRealtimeInput(genai.LiveRealtimeInput{Audio: &genai.Blob{Data: b, MIMEType: inputMIME}})
	})
}

// Commit ends the candidate's turn: activityEnd with push-to-talk, else
// audioStreamEnd, which flushes the server's VAD.
func (c *Conn) Commit() error {
	return c.send(func(s *genai.Session) error {
		if !c.setup.PushToTalk {
			return s.SendRealtimeInput(genai.LiveRealtimeInput{AudioStreamEnd: true})
		}
		if !c.activityOpen {
			return nil
		}
		c.activityOpen = false
		return s.SendRealtimeInput(genai.LiveRealtimeInput{ActivityEnd: &genai.ActivityEnd{}})
	})
}

// Interrupt ends the answer being spoken, cut: its remaining audio is not
// forwarded. Live has nothing to truncate (heard is not used): the model
// assumes real-time playback. With server VAD the candidate's speech has
// already interrupted it; with push-to-talk an activityStart does, if the
// model is still generating.
func (c *Conn) Interrupt(heard time.Duration) error {
	if err := c.send(func(*genai.Session) error { return nil }); err != nil {
		return err
	}
	c.evMu.Lock()
	generating := c.turnOpen && !c.generated && !c.interrupted
	c.cutTurn()
	c.evMu.Unlock()
	if !generating || !c.setup.PushToTalk {
		return nil
	}
	return c.send(func(s *genai.Session) error {
		if c.activityOpen {
			return nil
		}
		c.activityOpen = true
		return s.SendRealtimeInput(genai.LiveRealtimeInput{ActivityStart: &genai.ActivityStart{}})
	})
}

// Instruct sends new instructions as a marked user turn that asks for no
// answer (the setup is fixed while connected) and keeps them for the
// setup of a resumed connection.
func (c *Conn) Instruct(instructions string) error {
	return c.send(func(s *genai.Session) error {
		c.instructions = instructions
		return s.SendClientContent(genai.LiveClientContentInput{
			Turns:        []*genai.Content{genai.NewContentFromText(instructionsPrefix+"\n"+instructions, genai.RoleUser)},
			TurnComplete: genai.Ptr(false),
		})
	})
}

// Note adds a line of context without asking for an answer.
func (c *Conn) Note(l voice.Line) error {
	t := lineTurn(l)
	if t == nil {
		return c.send(func(*genai.Session) error { return nil })
	}
	return c.send(func(s *genai.Session) error {
		return s.SendClientContent(genai.LiveClientContentInput{Turns: []*genai.Content{t}, TurnComplete: genai.Ptr(false)})
	})
}

// Close ends the session; Err is then nil. It is safe to call twice.
func (c *Conn) Close() error {
	if c.closing.Swap(true) {
		<-c.done
		return nil
	}
	c.cancel()
	c.sendMu.Lock()
	sess := c.sess
	c.sendMu.Unlock()
	sess.Close() // unblocks Receive
	<-c.done
	return nil
}

// send runs f on the current session under the send lock. A failed write
// is not returned: the read loop sees the broken socket and resumes or
// ends the Conn, and Err says why.
func (c *Conn) send(f func(*genai.Session) error) error {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	if c.closing.Load() {
		return errClosed
	}
	if c.ended != nil {
		return c.ended
	}
	if err := f(c.sess); err != nil {
		c.sess.Close()
	}
	return nil
}

func (c *Conn) readLoop() {
	var err error
	defer func() { c.finish(err) }()
	for {
		c.sendMu.Lock()
		sess := c.sess
		c.sendMu.Unlock()
		msg, rerr := sess.Receive()
		if c.closing.Load() {
			return
		}
		if rerr != nil {
			e := classify(rerr)
			if voice.IsFatal(e) || c.handle == "" {
				err = e
				return
			}
			if err = c.resume(sess, true, e); err != nil {
				return
			}
			continue
		}
		c.onMessage(msg)
		c.backpressure()
		if c.goAway && c.handle != "" && c.idle() {
			if err = c.resume(sess, false, nil); err != nil {
				return
			}
		}
	}
}

func (c *Conn) idle() bool {
	c.evMu.Lock()
	defer c.evMu.Unlock()
	return !c.turnOpen
}

// resume reconnects with the newest handle, sending nothing but the setup:
// the server restores the conversation. unexpected: the old socket died
// (rather than goAway).
func (c *Conn) resume(old *genai.Session, unexpected bool, cause error) error {
	c.evMu.Lock()
	c.abortTurn()
	c.evMu.Unlock()
	c.goAway = false
	if unexpected && time.Since(c.opened) < stableAfter {
		c.failures++ // the last connection did not hold
	} else {
		c.failures = 0
	}
	last := cause
	for c.failures < maxFailures {
		c.sendMu.Lock()
		lc := c.liveConfig(c.handle)
		c.sendMu.Unlock()
		sess, err := c.p.dial(c.ctx, lc)
		if c.closing.Load() {
			if sess != nil {
				sess.Close()
			}
			return nil
		}
		if err == nil {
			c.sendMu.Lock()
			c.sess, c.activityOpen = sess, false
			c.sendMu.Unlock()
			if c.closing.Load() { // Close may have taken the old session
				sess.Close()
			}
			old.Close()
			c.opened = time.Now()
			return nil
		}
		var ve *voice.Error
		if errors.As(err, &ve) && ve.Code == "1007" {
			// The handle was refused; a fresh session with the history may work.
			return &voice.Error{Provider: name, Code: ve.Code, Message: "session resumption refused: " + ve.Message}
		}
		if voice.IsFatal(err) {
			return err
		}
		last = err
		c.failures++
		select {
		case <-time.After(backoff * time.Duration(c.failures)):
		case <-c.ctx.Done():
			return nil
		}
	}
	if last == nil {
		last = &voice.Error{Provider: name, Code: "reconnect", Message: "too many failed reconnections"}
	}
	return last
}

// finish ends the Conn: sends are refused, Err is set, then Events closes.
func (c *Conn) finish(err error) {
	if c.closing.Load() {
		err = nil
	}
	c.sendMu.Lock()
	c.ended = err
	if c.ended == nil {
		c.ended = errClosed
	}
	sess := c.sess
	c.sendMu.Unlock()
	sess.Close()
	c.errMu.Lock()
	c.err = err
	c.errMu.Unlock()
	c.evMu.Lock()
	if err != nil {
		c.abortTurn()
	}
	c.evEnd = true
	c.evMu.Unlock()
	c.signal(c.wake)
	<-c.pumped
	c.cancel()
	close(c.done)
}

// pump moves queued events to Events, in order, and closes it once the
// read loop has ended and the queue is empty. After Close it drops them.
func (c *Conn) pump() {
	defer close(c.pumped)
	defer close(c.events)
	for {
		c.evMu.Lock()
		if c.ctx.Err() != nil {
			c.evQ = nil
		}
		if len(c.evQ) == 0 {
			end := c.evEnd
			c.evMu.Unlock()
			if end {
				return
			}
			<-c.wake
			continue
		}
		e := c.evQ[0]
		c.evQ[0] = voice.Event{}
		c.evQ = c.evQ[1:]
		c.evMu.Unlock()
		c.signal(c.space)
		select {
		case c.events <- e:
		case <-c.ctx.Done():
		}
	}
}

// backpressure holds the read loop while the reader is far behind.
func (c *Conn) backpressure() {
	for {
		c.evMu.Lock()
		n := len(c.evQ)
		c.evMu.Unlock()
		if n < queued {
			return
		}
		select {
		case <-c.space:
		case <-c.ctx.Done():
			return
		}
	}
}

func (c *Conn) signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// onMessage maps one server message to events, in the order a 3.x message
// carrying several fields is meant to be read: interrupted, model turn,
// transcriptions, turnComplete.
func (c *Conn) onMessage(m *genai.LiveServerMessage) {
	if r := m.SessionResumptionUpdate; r != nil && r.Resumable && r.NewHandle != "" {
		c.handle = r.NewHandle
	}
	if m.GoAway != nil {
		c.goAway = true
	}
	c.evMu.Lock()
	defer c.evMu.Unlock()
	if m.UsageMetadata != nil {
		c.usage = m.UsageMetadata
	}
	if va := m.VoiceActivity; va != nil {
		switch va.VoiceActivityType {
		case genai.VoiceActivityTypeActivityStart:
			c.speechStarted()
		case genai.VoiceActivityTypeActivityEnd:
			c.speechStopped()
		}
	}
	sc := m.ServerContent
	if sc == nil {
		return
	}
	if sc.Interrupted {
		c.speechStarted() // the server's VAD heard the candidate: barge-in
		c.interrupted = true
		c.cutTurn()
	}
	if t := sc.InputTranscription; t != nil {
		// During an answer it is the late transcript of the utterance that
		// asked for it; otherwise the candidate is speaking.
		if t.Text != "" && (!c.turnOpen || c.cut) {
			c.speechStarted()
		}
		c.in.WriteString(t.Text)
		if t.Finished {
			c.utteranceDone()
		}
	}
	if mt := sc.ModelTurn; mt != nil {
		for _, p := range mt.Parts {
			if p.InlineData == nil || p.Thought {
				continue
			}
			rate, ok := audioRate(p.InlineData.MIMEType)
			if !ok {
				continue
			}
			b := p.InlineData.Data
			if rate != outputRate {
				b = pcm.Resample(b, rate, outputRate)
			}
			c.openTurn()
			c.audioOut += len(b)
			if !c.cut {
				c.emit(voice.Event{Kind: voice.Audio, ItemID: c.itemID, Audio: b})
			}
		}
	}
	if t := sc.OutputTranscription; t != nil && t.Text != "" {
		c.openTurn()
		if !c.cut {
			c.out.WriteString(t.Text)
			c.emit(voice.Event{Kind: voice.AnswerDelta, ItemID: c.itemID, Text: t.Text})
		}
	}
	if sc.GenerationComplete {
		c.generated = true
	}
	if sc.TurnComplete {
		c.completeTurn()
	}
}

// The helpers below run with c.evMu held.

func (c *Conn) emit(e voice.Event) {
	if c.evEnd {
		return
	}
	c.evQ = append(c.evQ, e)
	c.signal(c.wake)
}

func (c *Conn) speechStarted() {
	if !c.signalled {
		c.signalled, c.speaking = true, true
		c.emit(voice.Event{Kind: voice.SpeechStarted})
	}
}

func (c *Conn) speechStopped() {
	if c.speaking {
		c.speaking = false
		c.emit(voice.Event{Kind: voice.SpeechStopped})
	}
}

// utteranceDone ends the candidate's utterance with its transcript.
func (c *Conn) utteranceDone() {
	c.speechStopped()
	if s := strings.TrimSpace(c.in.String()); s != "" {
		c.emit(voice.Event{Kind: voice.CandidateText, Text: s})
	}
	c.in.Reset()
	c.signalled = false
}

// openTurn starts an answer on its first part; the candidate's utterance
// is over by then.
func (c *Conn) openTurn() {
	if c.turnOpen {
		return
	}
	c.utteranceDone()
	c.turns++
	c.turnOpen = true
	c.itemID = "turn-" + strconv.Itoa(c.turns)
	c.emit(voice.Event{Kind: voice.AnswerStarted, ItemID: c.itemID})
}

// cutTurn ends the open answer, cut, once.
func (c *Conn) cutTurn() {
	if c.turnOpen && !c.cut {
		c.cut = true
		c.emit(voice.Event{Kind: voice.AnswerDone, ItemID: c.itemID, Text: c.out.String(), Cut: true})
	}
}

func (c *Conn) completeTurn() {
	if c.turnOpen && !c.cut {
		c.emit(voice.Event{Kind: voice.AnswerDone, ItemID: c.itemID, Text: c.out.String()})
	}
	if !c.interrupted && (c.in.Len() > 0 || !c.turnOpen) {
		// A transcript that came after the answer began, or an utterance the
		// model chose not to answer. After an interruption it belongs to the
		// candidate's new utterance, still in progress.
		c.utteranceDone()
	}
	c.meter()
	c.failures = 0
}

// abortTurn ends an answer the connection took with it.
func (c *Conn) abortTurn() {
	if !c.turnOpen {
		return
	}
	c.cutTurn()
	c.usage = nil // the server's numbers for it are lost
	c.meter()
}

// meter emits the turn's Usage and resets the turn.
func (c *Conn) meter() {
	m := voice.Metering{
		AudioIn:  bytesDuration(c.audioIn.Swap(0), inputRate),
		AudioOut: bytesDuration(int64(c.audioOut), outputRate),
	}
	if u := c.usage; u != nil {
		m.InputTokens = int(u.PromptTokenCount)
		m.OutputTokens = int(u.ResponseTokenCount + u.ThoughtsTokenCount)
		m.CachedTokens = int(u.CachedContentTokenCount)
	}
	if m != (voice.Metering{}) {
		c.emit(voice.Event{Kind: voice.Usage, ItemID: c.itemID, Usage: m})
	}
	c.turnOpen, c.cut, c.generated, c.interrupted = false, false, false, false
	c.out.Reset()
	c.audioOut = 0
	c.usage = nil
}

func bytesDuration(n int64, rate int) time.Duration {
	return time.Duration(n/2) * time.Second / time.Duration(rate)
}

// audioRate reads an output MIME type: "audio/pcm;rate=24000"; a bare
// "audio/pcm" is 24 kHz, the documented output.
func audioRate(mime string) (int, bool) {
	typ, params, _ := strings.Cut(mime, ";")
	switch strings.ToLower(strings.TrimSpace(typ)) {
	case "audio/pcm", "audio/l16":
	default:
		return 0, false
	}
	for _, p := range strings.Split(params, ";") {
		if k, v, _ := strings.Cut(strings.TrimSpace(p), "="); k == "rate" {
			if r, err := strconv.Atoi(v); err == nil && r > 0 {
				return r, true
			}
		}
	}
	return outputRate, true
}
