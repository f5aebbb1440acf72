package cascade

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/mockroom/mockroom/voice"
)

// answer is one answer of the interviewer: its text as written, its audio
// as sent, and how much of it the candidate heard.
type answer struct {
	id   string
	done bool // Conn.emitMu: AnswerDone was sent
	line int  // Conn.mu: its line in the history, -1 before it has one

	mu         sync.Mutex
	text       strings.Builder // what the Responder wrote so far
	cut        bool
	complete   bool // every sentence was spoken
	sent       time.Duration
	playStart  time.Time // when its audio started playing, as far as we know
	ends       []sentenceEnd
	limit      time.Duration // how much was heard; -1: all
	exactLimit bool          // limit is the listener's own figure (Interrupt)
}

// sentenceEnd is a sentence whose audio was wholly sent, and where in the
// answer's audio it ended.
type sentenceEnd struct {
	text string
	at   time.Duration
}

// piece is what the synthesizer hands the player: audio, or the mark that
// a sentence's audio is over.
type piece struct {
	pcm      []byte
	sentence string
}

// played estimates how much of a the listener has heard: audio plays from
// when it was first sent, and no faster than it was sent.
func (a *answer) played() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.playStart.IsZero() {
		return 0
	}
	return min(a.sent, time.Since(a.playStart))
}

// heard is the text the history keeps. A whole answer keeps its text; a cut
// one keeps the sentences whose audio was wholly sent before the listener
// stopped hearing it. A sentence cut halfway is dropped: the model may say
// it again, which beats believing it said what was never heard.
func (a *answer) heard() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.complete && (a.limit < 0 || a.limit >= a.sent) {
		return strings.TrimSpace(a.text.String())
	}
	var parts []string
	for _, e := range a.ends {
		if a.limit < 0 || e.at <= a.limit {
			parts = append(parts, e.text)
		}
	}
	return strings.Join(parts, " ")
}

// record writes what was heard of a into the history (again, when a later
// Interrupt says less was heard).
func (c *Conn) record(a *answer) {
	text := a.heard()
	c.mu.Lock()
	defer c.mu.Unlock()
	if a.line < 0 {
		c.history = append(c.history, voice.Line{Speaker: voice.SpeakerInterviewer, Text: text})
		a.line = len(c.history) - 1
		return
	}
	c.history[a.line].Text = text
}

// answer asks the Responder and speaks its answer: each sentence goes to
// text-to-speech as soon as it is written, one request at a time (the next
// starts while the last one's audio is still playing), and the player sends
// the audio at the pace it plays. It returns what the answer cost.
func (c *Conn) answer(t *turn, a *answer, req Request) voice.Metering {
	ctx := t.ctx
	var (
		failMu  sync.Mutex
		failure error
	)
	stop := func(err error) {
		failMu.Lock()
		if failure == nil {
			failure = err
		}
		failMu.Unlock()
		t.cancel()
	}
	sentences := make(chan string, 16)
	audio := make(chan piece, 16)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(audio)
		for s := range sentences {
			if ctx.Err() != nil {
				continue // drain: the Responder must never block
			}
			err := c.p.speak(ctx, s, c.voiceName, func(b []byte) error {
				select {
				case audio <- piece{pcm: b}:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil {
				if ctx.Err() == nil {
					stop(err)
				}
				continue
			}
			select {
			case audio <- piece{sentence: s}:
			case <-ctx.Done():
			}
		}
	})
	wg.Go(func() { c.play(ctx, a, audio) })

	var (
		sayMu sync.Mutex
		split splitter
	)
	queue := func(ss []string) {
		for _, s := range ss {
			select {
			case sentences <- s:
			case <-ctx.Done():
			}
		}
	}
	say := func(d string) {
		if d == "" || ctx.Err() != nil {
			return
		}
		sayMu.Lock()
		defer sayMu.Unlock()
		a.mu.Lock()
		a.text.WriteString(d)
		a.mu.Unlock()
		c.emitAnswer(a, voice.Event{Kind: voice.AnswerDelta, Text: d})
		queue(split.add(d))
	}
	var (
		text string
		m    voice.Metering
		err  error
	)
	if mr, ok := c.p.cfg.Responder.(MeteredResponder); ok {
		text, m, err = mr.RespondMetered(ctx, req, say)
	} else {
		text, err = c.p.cfg.Responder.Respond(ctx, req, say)
	}
	switch {
	case ctx.Err() != nil:
	case err != nil:
		stop(&voice.Error{Provider: "local", Code: "answer_failed", Message: err.Error()})
	default:
		a.mu.Lock()
		written := a.text.String()
		a.mu.Unlock()
		// A Responder that did not stream says it all now. One whose
		// retry replaced what it streamed keeps what was already spoken.
		if rest, ok := strings.CutPrefix(text, written); ok {
			say(rest)
		}
		sayMu.Lock()
		queue(split.flush())
		sayMu.Unlock()
	}
	close(sentences)
	wg.Wait()

	a.mu.Lock()
	m.AudioOut = a.sent
	a.mu.Unlock()
	failMu.Lock()
	err = failure
	failMu.Unlock()
	switch {
	case c.ctx.Err() != nil:
		// Closing: the Conn's end says it all.
	case err != nil:
		e, end := c.p.classify(c.ctx, err)
		if !end {
			c.emit(voice.Event{Kind: voice.Warning, Err: e})
		}
		if c.finish(a, true) {
			c.record(a)
		}
		if end {
			c.fail(e)
		}
	case ctx.Err() != nil:
		// Cut: cut already said so.
	default:
		a.mu.Lock()
		a.complete = true
		a.mu.Unlock()
		if c.finish(a, false) {
			c.record(a)
		}
	}
	return m
}

// play sends a's audio as it would play, Config.Lead ahead of real time, so that
// the answer lasts as long as it speaks and a cut stops it at once.
func (c *Conn) play(ctx context.Context, a *answer, audio <-chan piece) {
	defer func() {
		for range audio { // let the synthesizer finish
		}
	}()
	for p := range audio {
		if p.pcm == nil {
			a.mu.Lock()
			a.ends = append(a.ends, sentenceEnd{p.sentence, a.sent})
			a.mu.Unlock()
			continue
		}
		a.mu.Lock()
		now := time.Now()
		// First audio, or the listener ran dry waiting: playing (re)starts now.
		if a.playStart.IsZero() || now.Sub(a.playStart) > a.sent {
			a.playStart = now.Add(-a.sent)
		}
		wait := a.playStart.Add(a.sent - c.p.cfg.Lead).Sub(now)
		a.mu.Unlock()
		if wait > 0 {
			tm := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				tm.Stop()
				return
			case <-tm.C:
			}
		}
		if ctx.Err() != nil || !c.emitAnswer(a, voice.Event{Kind: voice.Audio, Audio: p.pcm}) {
			return
		}
		a.mu.Lock()
		a.sent += voice.Duration(p.pcm, OutputRate)
		a.mu.Unlock()
	}
}

// splitter cuts streamed text into sentences: at . ! or ? followed by
// white space (so "3.5" and "O(n.log n)" stay whole), and at line breaks.
type splitter struct{ buf string }

// add takes a delta and returns the sentences it completed.
func (s *splitter) add(d string) []string {
	s.buf += d
	var out []string
	for {
		i := boundary(s.buf)
		if i < 0 {
			return out
		}
		if t := strings.TrimSpace(s.buf[:i]); speakable(t) {
			out = append(out, t)
		}
		s.buf = s.buf[i:]
	}
}

// flush returns what is left: the last sentence.
func (s *splitter) flush() []string {
	t := strings.TrimSpace(s.buf)
	s.buf = ""
	if !speakable(t) {
		return nil
	}
	return []string{t}
}

// boundary is the index just past the first complete sentence in s, or
// -1 when s holds none yet.
func boundary(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i + 1
		case '.', '!', '?':
			j := i + 1
			for j < len(s) && strings.IndexByte(`.!?"')]`, s[j]) >= 0 {
				j++
			}
			if j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t') {
				return j
			}
			i = j - 1
		}
	}
	return -1
}

// speakable: text-to-speech servers refuse text with nothing to say.
func speakable(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
