package voicetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/pcm"
)

// Fake is what the suite needs from a provider's loopback fake.
type Fake interface {
	// Instructions is the newest instruction text the fake's model works under.
	Instructions() string
	// Context lists every text the fake was given as conversation context
	// (replayed history, notes), in order.
	Context() []string
	// DropAll cuts every open connection as a crash would: no close frame.
	DropAll()
}

// Target is one provider wired to its fake.
type Target struct {
	Provider voice.Provider
	Fake     Fake
	// BadKey is the same provider with a key the fake refuses.
	BadKey voice.Provider
}

// Run checks that a voice.Provider keeps the contract against its fake.
// newTarget starts a fresh fake for each subtest.
func Run(t *testing.T, newTarget func(t *testing.T) Target) {
	t.Run("handshake carries instructions and history", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "INSTR-alpha be brief",
			History: []voice.Line{{Speaker: voice.SpeakerCandidate, Text: "HIST-hello"}, {Speaker: voice.SpeakerInterviewer, Text: "HIST-hi there"}}})
		f := c.Format()
		if f.InputRate != 16000 && f.InputRate != 24000 || f.OutputRate != 24000 {
			t.Fatalf("format %+v: want input 16 or 24 kHz and output 24 kHz", f)
		}
		// A cascade sends its context with each turn: take one, then look.
		turn(t, c)
		eventually(t, "instructions reach the fake", func() bool { return strings.Contains(tg.Fake.Instructions(), "INSTR-alpha") })
		eventually(t, "history reaches the fake", func() bool {
			ctx := strings.Join(tg.Fake.Context(), "\n")
			return strings.Contains(ctx, "HIST-hello") && strings.Contains(ctx, "HIST-hi there")
		})
	})

	t.Run("a spoken turn is transcribed and answered aloud", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "be brief"})
		go speak(c, Utterance(c.Format().InputRate, 400, 900))
		seen := Collect(t, c, 15*time.Second, func(evs []voice.Event) bool {
			return Has(evs, voice.AnswerDone) && Has(evs, voice.CandidateText) && Has(evs, voice.Usage)
		})
		order(t, seen, voice.SpeechStarted, voice.AnswerStarted, voice.AnswerDone)
		var audio []byte
		var deltas strings.Builder
		var done, heard voice.Event
		var usage voice.Metering
		for _, e := range seen {
			switch e.Kind {
			case voice.Audio:
				audio = append(audio, e.Audio...)
			case voice.AnswerDelta:
				deltas.WriteString(e.Text)
			case voice.AnswerDone:
				done = e
			case voice.CandidateText:
				heard = e
			case voice.Usage:
				usage = usage.Add(e.Usage)
			}
		}
		if strings.TrimSpace(heard.Text) == "" {
			t.Fatalf("no candidate transcript in %v", Kinds(seen))
		}
		if done.Cut || strings.TrimSpace(done.Text) == "" {
			t.Fatalf("answer done %+v: want a whole, non-empty transcript", done)
		}
		if !strings.Contains(done.Text, heard.Text) {
			t.Errorf("the fake answers by quoting what it heard: answer %q, heard %q", done.Text, heard.Text)
		}
		if d := voice.Duration(audio, c.Format().OutputRate); d < 500*time.Millisecond {
			t.Errorf("answer audio lasts %v; want the spoken answer", d)
		}
		if pcm.RMS(audio) < 0.01 {
			t.Errorf("answer audio is silent")
		}
		if deltas.Len() == 0 {
			t.Errorf("no transcript deltas while the answer streamed")
		}
		if usage.AudioOut <= 0 || usage.AudioIn <= 0 {
			t.Errorf("usage %+v: want audio in and out metered", usage)
		}
	})

	t.Run("barge-in cuts the answer and a new one follows", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "be brief"})
		rate := c.Format().InputRate
		spoken := make(chan struct{})
		go func() { defer close(spoken); speak(c, Utterance(rate, 400, 900)) }()
		first := Collect(t, c, 15*time.Second, func(evs []voice.Event) bool { return Has(evs, voice.Audio) })
		cutItem := Last(first, voice.Audio).ItemID
		// The candidate talks over the answer, once the first utterance's
		// trailing silence is all sent (one microphone: frames of the two
		// must not interleave, or no VAD hears speech).
		go func() { <-spoken; speak(c, Utterance(rate, 400, 900)) }()
		var interrupted bool
		rest := Collect(t, c, 15*time.Second, func(evs []voice.Event) bool {
			if !interrupted && Has(evs, voice.SpeechStarted) {
				interrupted = true
				if err := c.Interrupt(150 * time.Millisecond); err != nil {
					t.Errorf("Interrupt: %v", err)
				}
			}
			n := 0
			for _, e := range evs {
				if e.Kind == voice.AnswerDone {
					n++
				}
			}
			return n >= 2
		})
		var cut *voice.Event
		for i, e := range rest {
			if e.Kind == voice.AnswerDone && e.ItemID == cutItem {
				cut = &rest[i]
			}
			if cut != nil && e.Kind == voice.Audio && e.ItemID == cutItem {
				t.Fatalf("audio of the cut answer %s after it was cut", cutItem)
			}
		}
		if cut == nil || !cut.Cut {
			t.Fatalf("the first answer (%s) did not end cut: %v", cutItem, Kinds(rest))
		}
		final := Last(rest, voice.AnswerDone)
		if final.ItemID == cutItem || final.Cut || final.Text == "" {
			t.Fatalf("no whole second answer after the barge-in: %+v", final)
		}
	})

	t.Run("instructions and notes update the model's context", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "INSTR-one"})
		if err := c.Instruct("INSTR-two phase coding"); err != nil {
			t.Fatal(err)
		}
		if err := c.Note(voice.Line{Speaker: voice.SpeakerSystem, Text: "NOTE-run passed 3/3"}); err != nil {
			t.Fatal(err)
		}
		turn(t, c)
		eventually(t, "new instructions", func() bool { return strings.Contains(tg.Fake.Instructions(), "INSTR-two") })
		eventually(t, "the note", func() bool {
			return slices.ContainsFunc(tg.Fake.Context(), func(s string) bool { return strings.Contains(s, "NOTE-run") })
		})
	})

	t.Run("push-to-talk answers on commit", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "be brief", PushToTalk: true})
		// Too little silence for any VAD: only Commit ends the turn.
		speak(c, Utterance(c.Format().InputRate, 400, 60))
		if err := c.Commit(); err != nil {
			t.Fatal(err)
		}
		seen := Collect(t, c, 15*time.Second, func(evs []voice.Event) bool { return Has(evs, voice.AnswerDone) })
		if d := Last(seen, voice.AnswerDone); d.Text == "" || d.Cut {
			t.Fatalf("answer %+v", d)
		}
	})

	t.Run("a dropped connection ends with a retryable error", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "be brief"})
		go speak(c, Utterance(c.Format().InputRate, 400, 900))
		Collect(t, c, 15*time.Second, func(evs []voice.Event) bool { return Has(evs, voice.Audio) })
		tg.Fake.DropAll()
		Drain(t, c, 10*time.Second)
		if err := c.Err(); err == nil || voice.IsFatal(err) {
			t.Fatalf("Err after a drop = %v; want a retryable error", err)
		}
	})

	t.Run("a refused key is a fatal error", func(t *testing.T) {
		tg := newTarget(t)
		if tg.BadKey == nil {
			t.Fatal("Target.BadKey is nil: every fake checks a key")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := tg.BadKey.Connect(ctx, voice.Setup{Instructions: "x"})
		if err == nil {
			// Some providers refuse only after the upgrade.
			Drain(t, c, 10*time.Second)
			err = c.Err()
		}
		if err == nil || !voice.IsFatal(err) {
			t.Fatalf("bad key: err = %v; want a fatal voice.Error", err)
		}
	})

	t.Run("close ends the events and refuses more audio", func(t *testing.T) {
		tg := newTarget(t)
		c := connect(t, tg.Provider, voice.Setup{Instructions: "be brief"})
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		Drain(t, c, 5*time.Second)
		if err := c.Err(); err != nil {
			t.Errorf("Err after Close = %v; want nil", err)
		}
		if err := c.SendAudio(pcm.Silence(c.Format().InputRate, 20)); err == nil {
			t.Errorf("SendAudio after Close succeeded")
		}
		c.Close() // twice is harmless
	})
}

func connect(t *testing.T, p voice.Provider, s voice.Setup) voice.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := p.Connect(ctx, s)
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// turn speaks one utterance and waits for the whole answer.
func turn(t *testing.T, c voice.Conn) {
	t.Helper()
	go speak(c, Utterance(c.Format().InputRate, 400, 900))
	Collect(t, c, 15*time.Second, func(evs []voice.Event) bool { return Has(evs, voice.AnswerDone) })
}

// speak sends pcm in 20 ms frames, a little faster than real time.
func speak(c voice.Conn, b []byte) {
	for _, f := range pcm.Chunks(b, c.Format().InputRate, 20) {
		if c.SendAudio(f) != nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Collect reads c's events until done says so, failing t when they end
// or within passes first.
func Collect(t *testing.T, c voice.Conn, within time.Duration, done func([]voice.Event) bool) []voice.Event {
	t.Helper()
	var evs []voice.Event
	deadline := time.After(within)
	for {
		select {
		case e, ok := <-c.Events():
			if !ok {
				t.Fatalf("events ended (err %v) after %v", c.Err(), Kinds(evs))
			}
			evs = append(evs, e)
			if done(evs) {
				return evs
			}
		case <-deadline:
			t.Fatalf("timed out after %v", Kinds(evs))
		}
	}
}

// Drain reads c's events until they end, failing t after within.
func Drain(t *testing.T, c voice.Conn, within time.Duration) {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case _, ok := <-c.Events():
			if !ok {
				return
			}
		case <-deadline:
			t.Fatalf("events did not end within %v", within)
		}
	}
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	if !testenv.Eventually(5*time.Second, ok) {
		t.Fatalf("%s: not within 5 s", what)
	}
}

// Has reports whether evs hold an event of kind k.
func Has(evs []voice.Event, k voice.Kind) bool {
	return slices.ContainsFunc(evs, func(e voice.Event) bool { return e.Kind == k })
}

// Last is the last event of kind k in evs (zero if none).
func Last(evs []voice.Event, k voice.Kind) voice.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Kind == k {
			return evs[i]
		}
	}
	return voice.Event{}
}

// order checks that the first occurrences of want come in that order.
func order(t *testing.T, evs []voice.Event, want ...voice.Kind) {
	t.Helper()
	at := -1
	for _, k := range want {
		i := slices.IndexFunc(evs, func(e voice.Event) bool { return e.Kind == k })
		if i < 0 || i < at {
			t.Fatalf("want %v in order; got %v", want, Kinds(evs))
		}
		at = i
	}
}

// Kinds names evs' kinds for a failure message, runs of audio as one.
func Kinds(evs []voice.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == voice.Audio && len(out) > 0 && out[len(out)-1] == "audio…" {
			continue
		}
		s := e.Kind.String()
		if e.Kind == voice.Audio {
			s = "audio…"
		}
		out = append(out, s)
	}
	return out
}
