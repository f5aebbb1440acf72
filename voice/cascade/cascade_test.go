package cascade_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/llm"
	llmopenai "github.com/mockroom/mockroom/agents/llm/openai"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/cascade"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
	"github.com/mockroom/mockroom/voice/voicetest/speechfake"
)

const key = "sk-local-test"

// fast sends answers' audio as soon as it is made, for tests that need no
// barge-in: they do not wait for answers to play in real time.
const fast = time.Minute

// newProvider wires a cascade to f: speech and the interviewer's model
// (the real agents/llm/openai adapter) both through f's /v1.
func newProvider(t *testing.T, f *speechfake.Server, cfg cascade.Config) *cascade.Provider {
	t.Helper()
	if cfg.APIKey == "" {
		cfg.APIKey = key
	}
	if cfg.Responder == nil {
		lp, err := llmopenai.New(llmopenai.Config{APIKey: key, BaseURL: f.URL, HTTPClient: f.Client()})
		if err != nil {
			t.Fatal(err)
		}
		client := llm.NewClient(lp, nil, nil, llm.ClientConfig{Attempts: 2, AttemptTimeout: 5 * time.Second})
		cfg.Responder = cascade.LLMResponder{Client: client, Model: "local-chat"}
	}
	cfg.BaseURL, cfg.HTTPClient = f.URL, f.Client()
	p, err := cascade.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConformance(t *testing.T) {
	voicetest.Run(t, func(t *testing.T) voicetest.Target {
		// Answers play in real time: run the cases side by side.
		t.Parallel()
		f := speechfake.New(t, speechfake.Options{Key: key})
		return voicetest.Target{
			Provider: newProvider(t, f, cascade.Config{}),
			Fake:     f,
			BadKey:   newProvider(t, f, cascade.Config{APIKey: "sk-wrong"}),
		}
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

// say speaks one utterance (400 ms of "speech", then 900 ms of quiet)
// faster than real time, as the suite does. Two must not overlap: one
// microphone never interleaves the frames of two utterances.
func say(c voice.Conn) {
	for _, f := range pcm.Chunks(voicetest.Utterance(cascade.InputRate, 400, 900), cascade.InputRate, 20) {
		if c.SendAudio(f) != nil {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// until reads events until done says so.
func until(t *testing.T, c voice.Conn, done func([]voice.Event) bool) []voice.Event {
	t.Helper()
	return voicetest.Collect(t, c, 15*time.Second, done)
}

// drain reads until Events is closed.
func drain(t *testing.T, c voice.Conn) []voice.Event {
	t.Helper()
	var evs []voice.Event
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-c.Events():
			if !ok {
				return evs
			}
			evs = append(evs, e)
		case <-deadline:
			t.Fatalf("events did not end: %s", kinds(evs))
		}
	}
}

func count(evs []voice.Event, k voice.Kind) int {
	n := 0
	for _, e := range evs {
		if e.Kind == k {
			n++
		}
	}
	return n
}

func find(evs []voice.Event, k voice.Kind) (voice.Event, bool) {
	for _, e := range evs {
		if e.Kind == k {
			return e, true
		}
	}
	return voice.Event{}, false
}

func kinds(evs []voice.Event) string {
	var b strings.Builder
	for i, e := range evs {
		if e.Kind == voice.Audio && i > 0 && evs[i-1].Kind == voice.Audio {
			continue
		}
		fmt.Fprintf(&b, "%s ", e.Kind)
	}
	return b.String()
}

func answerDone(evs []voice.Event) bool { return count(evs, voice.AnswerDone) > 0 }

// A server that speaks WAV at its own rate (Piper's 22.05 kHz) is parsed
// and resampled to 24 kHz; the defaults reach the wire.
func TestWAVSpeechIsResampled(t *testing.T) {
	t.Parallel()
	f := speechfake.New(t, speechfake.Options{Key: key, WAVRate: 22050, Pace: 50})
	c := connect(t, newProvider(t, f, cascade.Config{Format: cascade.FormatWAV, Lead: fast}), voice.Setup{Instructions: "be brief", Voice: "af_heart"})
	say(c)
	evs := until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Usage) > 0 && answerDone(evs) })
	done, _ := find(evs, voice.AnswerDone)
	if done.Cut || done.Text == "" {
		t.Fatalf("answer %+v", done)
	}
	var audio []byte
	for _, e := range evs {
		if e.Kind == voice.Audio {
			audio = append(audio, e.Audio...)
			if len(e.Audio) > voice.Bytes(100*time.Millisecond, cascade.OutputRate) {
				t.Errorf("an audio chunk of %v; want 100 ms chunks", voice.Duration(e.Audio, cascade.OutputRate))
			}
		}
	}
	got := voice.Duration(audio, cascade.OutputRate)
	want := time.Duration(len(done.Text)) * voicetest.MSPerChar * time.Millisecond
	if d := got - want; d < -want/20 || d > want/20 {
		t.Errorf("audio lasts %v at 24 kHz; the answer's speech lasts %v", got, want)
	}
	if pcm.RMS(audio) < 0.05 {
		t.Errorf("audio RMS %.3f: the resampled tone was lost", pcm.RMS(audio))
	}
	u, _ := find(evs, voice.Usage)
	if u.Usage.AudioOut != got || u.Usage.AudioIn <= 0 || u.Usage.InputTokens <= 0 || u.Usage.OutputTokens <= 0 {
		t.Errorf("usage %+v: want audio out %v, audio in and the model's tokens", u.Usage, got)
	}
	// Connect's probe, then one request per sentence.
	sp := f.Speech()
	if len(sp) != 3 {
		t.Fatalf("speech requests %+v: want the probe and two sentences", sp)
	}
	for _, r := range sp {
		if r.ResponseFormat != "wav" || r.Model != "tts-1" || r.Voice != "af_heart" {
			t.Errorf("speech request %+v: want wav, tts-1, the Setup's voice", r)
		}
	}
	if sp[1].Input != "I heard you say: candidate utterance 1." {
		t.Errorf("first sentence spoken %q", sp[1].Input)
	}
	tr := f.Transcriptions()
	if n := len(tr); n != 2 {
		t.Fatalf("transcriptions %+v: want the probe and the utterance", tr)
	}
	if r := tr[1]; r.Model != "whisper-1" || r.Rate != cascade.InputRate || r.Filename != "utterance.wav" ||
		r.Duration < 500*time.Millisecond || r.Duration > 1200*time.Millisecond {
		t.Errorf("transcription %+v: want whisper-1, a 16 kHz WAV, the utterance with its pre-roll and a short tail", r)
	}
}

// A speech server's 5xx costs the turn, never the connection.
func TestServerErrorsAreWarnings(t *testing.T) {
	for _, path := range []string{speechfake.PathTranscriptions, speechfake.PathSpeech} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			f := speechfake.New(t, speechfake.Options{Key: key, Pace: 50})
			c := connect(t, newProvider(t, f, cascade.Config{Lead: fast}), voice.Setup{Instructions: "be brief"})
			f.Fail(path, http.StatusInternalServerError, "")
			say(c)
			evs := until(t, c, func(evs []voice.Event) bool {
				return count(evs, voice.Warning) > 0 && (path == speechfake.PathTranscriptions || answerDone(evs))
			})
			w, ok := find(evs, voice.Warning)
			var e *voice.Error
			if !ok || !errors.As(w.Err, &e) || e.Fatal || e.Code != "server_error" {
				t.Fatalf("want a warning with a retryable server_error; got %s (%v)", kinds(evs), w.Err)
			}
			if path == speechfake.PathSpeech {
				if d, _ := find(evs, voice.AnswerDone); !d.Cut {
					t.Errorf("the answer whose speech failed ended %+v; want cut", d)
				}
			}
			// The connection lives on: the next turn is answered whole.
			say(c)
			evs = until(t, c, func(evs []voice.Event) bool {
				d, ok := find(evs, voice.AnswerDone)
				return ok && !d.Cut
			})
			if c.Err() != nil {
				t.Errorf("Err = %v", c.Err())
			}
		})
	}
}

// A refused key or an unknown model is fatal, at Connect or mid-turn; a
// server that cannot be reached is not.
func TestFatalAndRetryableFailures(t *testing.T) {
	t.Run("unknown speech model at connect", func(t *testing.T) {
		t.Parallel()
		f := speechfake.New(t, speechfake.Options{Key: key})
		f.Fail(speechfake.PathSpeech, http.StatusNotFound, "model_not_found")
		_, err := newProvider(t, f, cascade.Config{}).Connect(context.Background(), voice.Setup{})
		var e *voice.Error
		if !errors.As(err, &e) || !e.Fatal || e.Code != "model_not_found" {
			t.Fatalf("Connect = %v; want a fatal model_not_found", err)
		}
	})
	t.Run("unknown speech model mid-turn", func(t *testing.T) {
		t.Parallel()
		f := speechfake.New(t, speechfake.Options{Key: key})
		c := connect(t, newProvider(t, f, cascade.Config{}), voice.Setup{})
		f.Fail(speechfake.PathSpeech, http.StatusNotFound, "model_not_found")
		say(c)
		evs := drain(t, c)
		if d, ok := find(evs, voice.AnswerDone); !ok || !d.Cut {
			t.Errorf("want the answer ended cut before the end; got %s", kinds(evs))
		}
		var e *voice.Error
		if err := c.Err(); !errors.As(err, &e) || !e.Fatal || e.Code != "model_not_found" {
			t.Fatalf("Err = %v; want a fatal model_not_found", err)
		}
		if err := c.SendAudio(pcm.Silence(cascade.InputRate, 20)); err == nil {
			t.Errorf("SendAudio after the end succeeded")
		}
	})
	t.Run("server down at connect", func(t *testing.T) {
		t.Parallel()
		f := speechfake.New(t, speechfake.Options{Key: key})
		p := newProvider(t, f, cascade.Config{})
		f.Close()
		_, err := p.Connect(context.Background(), voice.Setup{})
		var e *voice.Error
		if !errors.As(err, &e) || e.Fatal || e.Code != "unreachable" {
			t.Fatalf("Connect = %v; want a retryable unreachable", err)
		}
	})
}

// A barge-in stops the answer's audio at once: no chunk of it follows
// SpeechStarted before AnswerDone, and none after.
func TestBargeInStopsAudio(t *testing.T) {
	t.Parallel()
	f := speechfake.New(t, speechfake.Options{Key: key})
	c := connect(t, newProvider(t, f, cascade.Config{}), voice.Setup{})
	say(c)
	first := until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Audio) >= 3 })
	item := first[len(first)-1].ItemID
	go say(c)
	evs := until(t, c, func(evs []voice.Event) bool {
		for _, e := range evs {
			if e.Kind == voice.AnswerDone && e.ItemID != item {
				return true
			}
		}
		return false
	})
	started, done := -1, -1
	for i, e := range evs {
		switch {
		case e.Kind == voice.SpeechStarted && started < 0:
			started = i
		case e.Kind == voice.AnswerDone && e.ItemID == item:
			done = i
			if !e.Cut {
				t.Fatalf("the first answer ended whole: %+v", e)
			}
		case e.Kind == voice.Audio && e.ItemID == item && done >= 0:
			t.Fatalf("audio of %s after it was cut", item)
		}
	}
	if started < 0 || done < started {
		t.Fatalf("want speech_started, then the cut; got %s", kinds(evs))
	}
	if n := count(evs[started:done], voice.Audio); n > 1 {
		t.Errorf("%d audio chunks between the barge-in and the cut; want at most one", n)
	}
}

// scripted is a Responder that streams fixed answers word by word and
// records what it was asked.
type scripted struct {
	answers []string
	stream  bool

	mu   sync.Mutex
	reqs []cascade.Request
}

func (s *scripted) Respond(ctx context.Context, r cascade.Request, emit func(string)) (string, error) {
	s.mu.Lock()
	s.reqs = append(s.reqs, r)
	a := s.answers[min(len(s.reqs), len(s.answers))-1]
	s.mu.Unlock()
	if s.stream {
		for _, w := range strings.SplitAfter(a, " ") {
			emit(w)
		}
	}
	return a, nil
}

func (s *scripted) requests() []cascade.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]cascade.Request(nil), s.reqs...)
}

// Only what the candidate heard of a cut answer stays in the history the
// next answer sees: whole sentences whose audio was sent before the cut.
func TestHistoryKeepsWhatWasHeard(t *testing.T) {
	const (
		first  = "First sentence here." // 20 characters: 1 s of speech
		answer = first + " The second sentence runs on for quite a while longer."
	)
	cases := []struct {
		name      string
		stream    bool
		interrupt time.Duration // 0: none
		afterDone bool          // interrupt once the answer has been sent whole
		want      string        // the interviewer's line; "" for none
	}{
		{name: "whole answer", stream: true, want: answer},
		{name: "whole answer from a responder that does not stream", want: answer},
		{name: "cut after the first sentence", stream: true, interrupt: 1200 * time.Millisecond, want: first},
		{name: "cut inside the first sentence", stream: true, interrupt: 400 * time.Millisecond, want: ""},
		{name: "interrupted while still playing after it was sent", stream: true, interrupt: 1200 * time.Millisecond, afterDone: true, want: first},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o, cfg := speechfake.Options{Key: key, Script: []string{"UTTER-one", "UTTER-two"}}, cascade.Config{}
			if tc.interrupt == 0 || tc.afterDone {
				o.Pace, cfg.Lead = 50, fast
			}
			f := speechfake.New(t, o)
			cfg.Responder = &scripted{answers: []string{answer, "Fine."}, stream: tc.stream}
			r := cfg.Responder.(*scripted)
			c := connect(t, newProvider(t, f, cfg), voice.Setup{
				Instructions: "INSTR", History: []voice.Line{{Speaker: voice.SpeakerSystem, Text: "CTX-problem"}}})
			say(c)
			switch {
			case tc.afterDone:
				until(t, c, answerDone)
				if err := c.Interrupt(tc.interrupt); err != nil {
					t.Fatal(err)
				}
			case tc.interrupt > 0:
				until(t, c, func(evs []voice.Event) bool {
					var audio []byte
					for _, e := range evs {
						audio = append(audio, e.Audio...)
					}
					return voice.Duration(audio, cascade.OutputRate) > tc.interrupt+200*time.Millisecond
				})
				if err := c.Interrupt(tc.interrupt); err != nil {
					t.Fatal(err)
				}
				evs := until(t, c, answerDone)
				if d := evs[len(evs)-1]; !d.Cut || !strings.HasPrefix(d.Text, first) {
					t.Errorf("interrupted answer ended %+v; want cut, with the text produced", d)
				}
			default:
				if d := until(t, c, answerDone); !strings.Contains(kinds(d), "answer_delta") {
					t.Errorf("no deltas: %s", kinds(d))
				}
			}
			say(c)
			until(t, c, func(evs []voice.Event) bool { return len(r.requests()) == 2 })
			req := r.requests()[1]
			want := []voice.Line{{Speaker: voice.SpeakerSystem, Text: "CTX-problem"}, {Speaker: voice.SpeakerCandidate, Text: "UTTER-one"}}
			if tc.want != "" {
				want = append(want, voice.Line{Speaker: voice.SpeakerInterviewer, Text: tc.want})
			}
			if fmt.Sprint(req.History) != fmt.Sprint(want) || req.Utterance != "UTTER-two" || req.Instructions != "INSTR" {
				t.Errorf("second request\n%+v\nwant history\n%+v\nand utterance UTTER-two", req, want)
			}
		})
	}
}

// fakeModel is an llm.Provider that records the request and streams a reply.
type fakeModel struct {
	mu  sync.Mutex
	req llm.Request
}

func (m *fakeModel) Name() string { return "fake" }

func (m *fakeModel) Complete(ctx context.Context, req llm.Request, emit func(string)) (*llm.Response, error) {
	m.mu.Lock()
	m.req = req
	m.mu.Unlock()
	emit("Hello ")
	emit("there.")
	return &llm.Response{Text: "Hello there.", Usage: llm.Usage{InputTokens: 12, OutputTokens: 3}}, nil
}

// LLMResponder asks the interviewer agent's model: instructions as the
// system prompt, the history as turns (context lines marked), the utterance
// last.
func TestLLMResponder(t *testing.T) {
	m := &fakeModel{}
	r := cascade.LLMResponder{Client: llm.NewClient(m, nil, nil, llm.ClientConfig{}), Model: "gpt-test"}
	var deltas []string
	text, use, err := r.RespondMetered(context.Background(), cascade.Request{
		SessionID: "s1", Instructions: "INSTR",
		History: []voice.Line{
			{Speaker: voice.SpeakerInterviewer, Text: "Hi, ready?"},
			{Speaker: voice.SpeakerCandidate, Text: "Yes."},
			{Speaker: voice.SpeakerSystem, Text: "run passed 3/3"},
		},
		Utterance: "What next?",
	}, func(d string) { deltas = append(deltas, d) })
	if err != nil {
		t.Fatal(err)
	}
	if text != "Hello there." || strings.Join(deltas, "") != text || use.InputTokens != 12 || use.OutputTokens != 3 {
		t.Errorf("answer %q, deltas %q, usage %+v", text, deltas, use)
	}
	want := []llm.Message{
		{Role: llm.RoleAssistant, Text: "Hi, ready?"},
		{Role: llm.RoleUser, Text: "Yes."},
		{Role: llm.RoleUser, Text: "[context] run passed 3/3"},
		{Role: llm.RoleUser, Text: "What next?"},
	}
	req := m.req
	if req.Agent != llm.AgentInterviewer || req.SessionID != "s1" || req.Model != "gpt-test" || req.System != "INSTR" ||
		fmt.Sprint(req.Messages) != fmt.Sprint(want) {
		t.Errorf("request %+v\nwant messages %+v", req, want)
	}
}
