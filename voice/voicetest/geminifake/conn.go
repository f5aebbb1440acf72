package geminifake

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/vad"
	"github.com/mockroom/mockroom/voice/voicetest"
)

const (
	tokensPerSecond = 25 // audio tokens a second, both ways (forum figure for Live)
	chunkDuration   = 100 * time.Millisecond
	invalidArgument = "Request contains an invalid argument."
	// defaultPrefix is the speech needed to start a turn when the setup
	// gives no prefixPaddingMs: one 20 ms frame, as in the reference's
	// setup example.
	defaultPrefix = 20 * time.Millisecond
)

// session is what resumption restores: the model's context and counters.
type session struct {
	brain      *voicetest.Brain // shared by resumed copies: utterances keep counting
	system     string
	updates    []string // instruction updates received as client content
	context    []string
	textTokens int
	audioIn    time.Duration // candidate audio streamed (billed, silence included)
	outTokens  int           // answers so far, now part of the context
}

func (st *session) snapshot() *session {
	cp := *st
	cp.updates = slices.Clone(st.updates)
	cp.context = slices.Clone(st.context)
	return &cp
}

func (st *session) instructions() string {
	return strings.Join(append([]string{st.system}, st.updates...), "\n")
}

// usage is the turn's usageMetadata: the prompt is the whole context,
// re-billed every turn.
func (st *session) usage(response int) *usageMetadata {
	audio := tokens(st.audioIn) + st.outTokens
	prompt := st.textTokens + audio
	return &usageMetadata{
		PromptTokenCount:      prompt,
		ResponseTokenCount:    response,
		TotalTokenCount:       prompt + response,
		PromptTokensDetails:   []modalityCount{{"TEXT", st.textTokens}, {"AUDIO", audio}},
		ResponseTokensDetails: []modalityCount{{"AUDIO", response}},
	}
}

func tokens(d time.Duration) int { return int(math.Ceil(d.Seconds() * tokensPerSecond)) }

func textTokens(s string) int { return (len(s) + 3) / 4 }

// generation is one answer being streamed.
type generation struct {
	heard string
	stop  chan struct{}
	sent  time.Duration
}

// conn is one client connection.
type conn struct {
	srv   *Server
	ws    *websocket.Conn
	ctx   context.Context
	keyOK bool
	typ   websocket.MessageType

	mu          sync.Mutex // guards what follows and orders writes
	closing     bool
	st          *session
	resume      bool
	transparent bool
	consumed    int64 // client messages read, for transparent resumption
	manual      bool  // automatic activity detection disabled
	noInterrupt bool  // activityHandling NO_INTERRUPTION
	vadCfg      vad.Config
	det         *vad.Detector
	rate        int
	pend        []byte
	activity    bool   // manual: between activityStart and activityEnd
	utter       string // transcript of the utterance in progress
	gen         *generation
	queued      string // NO_INTERRUPTION: an answer waiting for the current one
	timers      []*time.Timer
}

func (c *conn) run() {
	defer c.stop()
	ctx, cancel := context.WithTimeout(c.ctx, 10*time.Second)
	m, ok := c.read(ctx)
	cancel()
	if !ok {
		return
	}
	if m.Setup == nil || m.fields() != 1 {
		c.closeWith(websocket.StatusInvalidFramePayloadData, invalidArgument)
		return
	}
	if !c.keyOK {
		c.closeWith(websocket.StatusPolicyViolation, "API key not valid. Please pass a valid API key.")
		return
	}
	if !c.srv.modelOK(m.Setup.Model) {
		c.closeWith(websocket.StatusPolicyViolation, truncate(m.Setup.Model+
			" is not found for API version v1beta, or is not supported for bidiGenerateContent."))
		return
	}
	c.srv.mu.Lock()
	code, why := c.srv.refuseCode, c.srv.refuseWhy
	c.srv.mu.Unlock()
	if code != 0 {
		c.closeWith(code, why)
		return
	}
	if !c.setup(m.Setup) {
		return
	}
	for {
		m, ok := c.read(c.ctx)
		if !ok {
			return
		}
		c.mu.Lock()
		code, why := c.handle(m)
		c.mu.Unlock()
		if code != 0 {
			c.closeWith(code, why)
			return
		}
	}
}

// read takes the next client message, text or binary. A message that is
// not JSON closes the connection 1007.
func (c *conn) read(ctx context.Context) (*clientMessage, bool) {
	_, data, err := c.ws.Read(ctx)
	if err != nil {
		return nil, false
	}
	var m clientMessage
	if err := json.Unmarshal(data, &m); err != nil {
		c.closeWith(websocket.StatusInvalidFramePayloadData, invalidArgument)
		return nil, false
	}
	return &m, true
}

func (c *conn) setup(s *setup) bool {
	if gc := s.GenerationConfig; gc != nil && len(gc.ResponseModalities) > 0 &&
		!slices.Equal(gc.ResponseModalities, []string{"AUDIO"}) {
		// Live 3.x speaks audio only; text comes as output transcription.
		c.closeWith(websocket.StatusInvalidFramePayloadData, invalidArgument)
		return false
	}
	opts := c.srv.opts
	var st *session
	if r := s.SessionResumption; r != nil && r.Handle != "" {
		var ok bool
		if st, ok = c.srv.restore(r.Handle); !ok {
			c.closeWith(websocket.StatusInvalidFramePayloadData, invalidArgument)
			return false
		}
		if s.SystemInstruction != nil { // resumption is how a setup may change
			st.system = s.SystemInstruction.text()
		}
	} else {
		st = &session{brain: &voicetest.Brain{Script: opts.Script}, system: s.SystemInstruction.text()}
		st.textTokens = textTokens(st.system)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st = st
	c.resume = s.SessionResumption != nil && !opts.NoResumption
	c.transparent = c.resume && s.SessionResumption.Transparent
	// A short onset: speech over the tail of other audio (the suite's
	// barge-in talks over a stream still sending silence) must register.
	c.vadCfg = vad.Config{Prefix: defaultPrefix}
	if ric := s.RealtimeInputConfig; ric != nil {
		if aad := ric.AutomaticActivityDetection; aad != nil {
			c.manual = aad.Disabled
			if aad.PrefixPaddingMs > 0 {
				c.vadCfg.Prefix = time.Duration(aad.PrefixPaddingMs) * time.Millisecond
			}
			c.vadCfg.Silence = time.Duration(aad.SilenceDurationMs) * time.Millisecond
		}
		c.noInterrupt = ric.ActivityHandling == "NO_INTERRUPTION"
	}
	c.rate = 16000
	c.det = vad.New(c.rate, c.vadCfg)
	c.srv.setInstructions(st)
	c.write(&serverMessage{SetupComplete: &struct{}{}})
	c.sendHandle()
	if l := opts.Lifetime; l > 0 {
		left := min(time.Second, l/2)
		c.timers = append(c.timers,
			time.AfterFunc(l-left, func() {
				c.mu.Lock()
				c.write(&serverMessage{GoAway: &goAway{TimeLeft: protoDuration(left)}})
				c.mu.Unlock()
			}),
			time.AfterFunc(l, func() { c.closeWith(websocket.StatusGoingAway, "connection lifetime reached") }))
	}
	return true
}

// handle applies one client message (c.mu held); a non-zero code closes
// the connection.
func (c *conn) handle(m *clientMessage) (websocket.StatusCode, string) {
	if m.fields() != 1 || m.Setup != nil {
		return websocket.StatusInvalidFramePayloadData, invalidArgument
	}
	c.consumed++
	switch {
	case m.RealtimeInput != nil:
		return c.realtime(m.RealtimeInput)
	case m.ClientContent != nil:
		c.clientContent(m.ClientContent)
	case m.ContextUpdate != nil:
		if si := m.ContextUpdate.SystemInstruction; si != nil {
			c.st.system = si.text()
			c.srv.setInstructions(c.st)
		}
	}
	// toolResponse: the fake declares no tools, so there is nothing to resume.
	return 0, ""
}

func (c *conn) realtime(ri *realtimeInput) (websocket.StatusCode, string) {
	n := 0
	for _, set := range []bool{ri.Audio != nil, len(ri.MediaChunks) > 0, ri.AudioStreamEnd,
		ri.ActivityStart != nil, ri.ActivityEnd != nil, ri.Text != ""} {
		if set {
			n++
		}
	}
	if n != 1 { // "only one argument per message"
		return websocket.StatusInvalidFramePayloadData, invalidArgument
	}
	switch {
	case ri.Audio != nil:
		if !c.audio(ri.Audio) {
			return websocket.StatusInvalidFramePayloadData, invalidArgument
		}
	case len(ri.MediaChunks) > 0:
		for i := range ri.MediaChunks {
			if !c.audio(&ri.MediaChunks[i]) {
				return websocket.StatusInvalidFramePayloadData, invalidArgument
			}
		}
	case ri.AudioStreamEnd:
		if !c.manual && c.det.Speaking() { // the mic went off mid-speech: flush
			c.det.Reset()
			c.speechEnd()
		}
	case ri.ActivityStart != nil, ri.ActivityEnd != nil:
		if !c.manual { // only with automatic activity detection disabled
			return websocket.StatusInvalidFramePayloadData, invalidArgument
		}
		if ri.ActivityStart != nil && !c.activity {
			c.activity = true
			c.speechStart()
		} else if ri.ActivityEnd != nil && c.activity {
			c.activity = false
			c.speechEnd()
		}
	case ri.Text != "":
		c.answer(ri.Text)
	}
	return 0, ""
}

// audio takes candidate PCM16 at the blob's rate and runs the VAD on it in
// 20 ms frames.
func (c *conn) audio(b *blob) bool {
	rate, ok := pcmRate(b.MimeType)
	if !ok {
		return false
	}
	if rate != c.rate {
		c.rate, c.det, c.pend = rate, vad.New(rate, c.vadCfg), c.pend[:0]
	}
	c.st.audioIn += voice.Duration(b.Data, rate)
	if c.manual {
		return true // the client says where turns are
	}
	frame := 2 * rate / 50
	c.pend = append(c.pend, b.Data...)
	off := 0
	for ; len(c.pend)-off >= frame; off += frame {
		switch tr, _ := c.det.Feed(c.pend[off : off+frame]); tr {
		case vad.Started:
			c.speechStart()
		case vad.Stopped:
			c.speechEnd()
		}
	}
	c.pend = c.pend[:copy(c.pend, c.pend[off:])]
	return true
}

// speechStart: the candidate started talking; under the default activity
// handling that cuts the answer being generated (barge-in).
func (c *conn) speechStart() {
	if c.srv.opts.VoiceActivity {
		c.write(&serverMessage{VoiceActivity: &voiceActivity{"ACTIVITY_START"}})
	}
	if !c.noInterrupt {
		c.interrupt()
	}
	c.utter = c.st.brain.Transcribe()
	// The transcript streams while the candidate speaks: half now.
	if first, _ := halves(c.utter); first != "" {
		c.write(&serverMessage{ServerContent: &serverContent{InputTranscription: &transcription{Text: first}}})
	}
}

// speechEnd: the candidate's turn is over; the rest of the transcript,
// then the answer.
func (c *conn) speechEnd() {
	if c.srv.opts.VoiceActivity {
		c.write(&serverMessage{VoiceActivity: &voiceActivity{"ACTIVITY_END"}})
	}
	_, rest := halves(c.utter)
	c.write(&serverMessage{ServerContent: &serverContent{InputTranscription: &transcription{Text: rest, Finished: true}}})
	heard := c.utter
	c.utter = ""
	c.answer(heard)
}

func (c *conn) clientContent(cc *clientContent) {
	var heard string
	for i := range cc.Turns {
		t := &cc.Turns[i]
		text := t.text()
		if text == "" {
			continue
		}
		c.srv.record(text)
		c.st.context = append(c.st.context, text)
		c.st.textTokens += textTokens(text)
		if t.Role == "model" {
			continue
		}
		heard = text
		if rest, ok := strings.CutPrefix(text, InstructionsPrefix); ok {
			c.st.updates = append(c.st.updates, strings.TrimSpace(rest))
			c.srv.setInstructions(c.st)
		}
	}
	if cc.TurnComplete {
		c.interrupt() // "turn_complete=true unconditionally interrupts"
		c.answer(heard)
		return
	}
	c.sendHandle()
}

// answer starts streaming the reply to heard.
func (c *conn) answer(heard string) {
	if c.gen != nil {
		if c.noInterrupt {
			c.queued = heard
			return
		}
		c.interrupt()
	}
	g := &generation{heard: heard, stop: make(chan struct{})}
	c.gen = g
	go c.speak(g)
}

// interrupt cuts the answer being streamed: interrupted, then turnComplete
// without generationComplete.
func (c *conn) interrupt() {
	g := c.gen
	if g == nil {
		return
	}
	c.gen = nil
	close(g.stop)
	c.write(&serverMessage{ServerContent: &serverContent{Interrupted: true}})
	c.turnComplete(g)
}

func (c *conn) turnComplete(g *generation) {
	response := tokens(g.sent)
	c.write(&serverMessage{ServerContent: &serverContent{TurnComplete: true}, UsageMetadata: c.st.usage(response)})
	c.st.outTokens += response
	c.sendHandle()
}

// sendHandle offers a resumption handle for the session as it is now; not
// while an answer streams (the API then says resumable false).
func (c *conn) sendHandle() {
	if !c.resume || c.gen != nil {
		return
	}
	u := &resumptionUpdate{NewHandle: c.srv.remember(c.st), Resumable: true}
	if c.transparent {
		u.LastConsumedClientMessageIndex = c.consumed
	}
	c.write(&serverMessage{SessionResumptionUpdate: u})
}

// speak streams g's answer: audio chunks Pace times faster than real time,
// each followed by its share of the output transcript.
func (c *conn) speak(g *generation) {
	opts := c.srv.opts
	text := voicetest.Answer(g.heard)
	audio := speech(text)
	words := strings.Fields(text)
	size := voice.Bytes(chunkDuration, voicetest.OutputRate)
	n := (len(audio) + size - 1) / size
	interval := time.Duration(float64(chunkDuration) / opts.Pace)
	next := time.Now().Add(opts.Latency)
	said := 0
	for i := 0; i < n; i++ {
		if !c.wait(g, next) {
			return
		}
		next = next.Add(interval)
		c.mu.Lock()
		if c.gen != g || c.closing {
			c.mu.Unlock()
			return
		}
		piece := audio[i*size : min(len(audio), (i+1)*size)]
		c.write(&serverMessage{ServerContent: &serverContent{ModelTurn: &content{Parts: []part{
			{InlineData: &blob{MimeType: "audio/pcm;rate=24000", Data: piece}}}}}})
		g.sent += voice.Duration(piece, voicetest.OutputRate)
		if due := (i + 1) * len(words) / n; due > said {
			t := strings.Join(words[said:due], " ")
			if said > 0 {
				t = " " + t
			}
			c.write(&serverMessage{ServerContent: &serverContent{OutputTranscription: &transcription{Text: t}}})
			said = due
		}
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != g || c.closing {
		return
	}
	c.gen = nil
	c.write(&serverMessage{ServerContent: &serverContent{GenerationComplete: true}})
	c.turnComplete(g)
	if q := c.queued; q != "" {
		c.queued = ""
		c.answer(q)
	}
}

func (c *conn) wait(g *generation, until time.Time) bool {
	d := time.Until(until)
	if d <= 0 {
		select {
		case <-g.stop:
			return false
		default:
			return true
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-g.stop:
		return false
	case <-c.ctx.Done():
		return false
	}
}

// write sends one server message (c.mu held). A failed write ends the
// connection; the reader then sees it closed.
func (c *conn) write(m *serverMessage) {
	if c.closing {
		return
	}
	data, err := json.Marshal(m)
	if err != nil {
		panic(err) // our own shapes always marshal
	}
	ctx, cancel := context.WithTimeout(c.ctx, 10*time.Second)
	defer cancel()
	if c.ws.Write(ctx, c.typ, data) != nil {
		c.closing = true
		c.ws.CloseNow()
	}
}

// closeWith ends the connection with a close frame.
func (c *conn) closeWith(code websocket.StatusCode, reason string) {
	c.mu.Lock()
	c.halt()
	c.mu.Unlock()
	c.ws.Close(code, reason)
}

func (c *conn) stop() {
	c.mu.Lock()
	c.halt()
	c.mu.Unlock()
	c.ws.CloseNow()
}

// halt stops the answer and the timers (c.mu held).
func (c *conn) halt() {
	c.closing = true
	if c.gen != nil {
		close(c.gen.stop)
		c.gen = nil
	}
	for _, t := range c.timers {
		t.Stop()
	}
}

// halves splits a transcript at a word boundary: what streams while the
// candidate speaks, and the rest (with its leading space).
func halves(s string) (string, string) {
	w := strings.Fields(s)
	if len(w) < 2 {
		return "", s
	}
	k := len(w) / 2
	return strings.Join(w[:k], " "), " " + strings.Join(w[k:], " ")
}

func truncate(s string) string {
	if len(s) > 123 { // a close reason's limit
		s = s[:123]
	}
	return s
}

// speech is voicetest.Speech, cached by length (it depends on nothing
// else) so hundreds of sessions do not synthesise the same tone.
func speech(text string) []byte {
	if b, ok := speechCache.Load(len(text)); ok {
		return b.([]byte)
	}
	b := voicetest.Speech(text)
	speechCache.Store(len(text), b)
	return b
}

var speechCache sync.Map
