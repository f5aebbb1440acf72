package geminilive

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
	"github.com/mockroom/mockroom/voice/voicetest/geminifake"
)

func TestConformance(t *testing.T) {
	voicetest.Run(t, func(t *testing.T) voicetest.Target {
		f := startFake(t, geminifake.Options{})
		return voicetest.Target{
			Provider: New(Config{APIKey: f.Key(), BaseURL: f.URL()}),
			Fake:     f,
			BadKey:   New(Config{APIKey: "not-the-key", BaseURL: f.URL()}),
		}
	})
}

// The fake recognises instruction updates by the adapter's marker.
func TestInstructionsPrefixMatchesFake(t *testing.T) {
	if instructionsPrefix != geminifake.InstructionsPrefix {
		t.Fatalf("adapter marks updates %q, fake looks for %q", instructionsPrefix, geminifake.InstructionsPrefix)
	}
}

// A resumed connection carries on the same conversation: the fake's brain
// numbers utterances per session, so the next one is "utterance 2".
func TestResumption(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts geminifake.Options
		cut  func(f *geminifake.Server)
	}{
		{"goAway", geminifake.Options{Lifetime: 3 * time.Second}, func(*geminifake.Server) {}},
		{"1011 close", geminifake.Options{}, func(f *geminifake.Server) { f.CloseAll(1011, "Internal error encountered.") }},
		{"1001 close", geminifake.Options{}, func(f *geminifake.Server) { f.CloseAll(1001, "connection lifetime reached") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := startFake(t, tc.opts)
			c := dial(t, New(Config{APIKey: f.Key(), BaseURL: f.URL()}), voice.Setup{Instructions: "INSTR-one"})
			if got := answer(t, c); got != "candidate utterance 1" {
				t.Fatalf("first utterance heard as %q", got)
			}
			if err := c.Instruct("INSTR-two"); err != nil {
				t.Fatal(err)
			}
			tc.cut(f)
			waitFor(t, "a resumption", func() bool { return len(f.Resumptions()) > 0 })
			time.Sleep(100 * time.Millisecond) // let the adapter finish its swap
			if got := answer(t, c); got != "candidate utterance 2" {
				t.Fatalf("after resuming, utterance heard as %q; want the session's second", got)
			}
			// The resumed setup carried the newest instructions.
			if got := f.Instructions(); !strings.HasPrefix(got, "INSTR-two") {
				t.Errorf("instructions after resumption %q; want the update as systemInstruction", got)
			}
			if f.Connections() < 2 {
				t.Errorf("connections = %d; want a reconnection", f.Connections())
			}
		})
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		opts  geminifake.Options
		model string
		turn  bool // take a turn first: the adapter then surely holds a handle
		act   func(f *geminifake.Server)
		code  string
		fatal bool
	}{
		{name: "1011 without a handle is retryable", opts: geminifake.Options{NoResumption: true},
			act: func(f *geminifake.Server) { f.CloseAll(1011, "Internal error encountered.") }, code: "1011"},
		{name: "failed reconnects are retryable", turn: true, act: func(f *geminifake.Server) {
			f.Refuse(1011, "Internal error encountered.")
			f.CloseAll(1011, "Internal error encountered.")
		}, code: "1011"},
		{name: "1008 mid-session is fatal", act: func(f *geminifake.Server) { f.CloseAll(1008, "Policy violation.") },
			code: "1008", fatal: true},
		{name: "a refused handle is retryable", turn: true, act: func(f *geminifake.Server) { f.DropAll() }, code: "1007"},
		{name: "goAway without a handle ends retryable", opts: geminifake.Options{NoResumption: true, Lifetime: time.Second},
			act: func(*geminifake.Server) {}, code: "1001"},
		{name: "an unknown model is fatal", model: "gemini-1.0-pro", code: "1008", fatal: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := startFake(t, tc.opts)
			p := New(Config{APIKey: f.Key(), BaseURL: f.URL(), Model: tc.model})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := p.Connect(ctx, voice.Setup{Instructions: "x"})
			if err == nil {
				t.Cleanup(func() { c.Close() })
				if tc.turn {
					answer(t, c)
				}
				if tc.act != nil {
					tc.act(f)
				}
				drainAll(t, c, 10*time.Second)
				err = c.Err()
			}
			var ve *voice.Error
			if !errors.As(err, &ve) || ve.Code != tc.code || ve.Fatal != tc.fatal {
				t.Fatalf("err = %#v; want code %s, fatal %v", err, tc.code, tc.fatal)
			}
			if tc.model != "" && !strings.Contains(ve.Message, "not found") {
				t.Errorf("message %q should name the problem", ve.Message)
			}
		})
	}
}

// Server JSON arrives in binary frames from the real service; the adapter
// reads text frames too, and voiceActivity when the server sends it.
func TestServerVariants(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts geminifake.Options
	}{
		{"binary frames", geminifake.Options{}},
		{"text frames", geminifake.Options{TextFrames: true}},
		{"voice activity", geminifake.Options{VoiceActivity: true}},
		{"scripted", geminifake.Options{Script: []string{"I would use a hash map"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := startFake(t, tc.opts)
			c := dial(t, New(Config{APIKey: f.Key(), BaseURL: f.URL()}), voice.Setup{})
			go speak(c, voicetest.Utterance(inputRate, 400, 900))
			evs := until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Usage) > 0 })
			want := []voice.Kind{voice.SpeechStarted, voice.SpeechStopped, voice.CandidateText, voice.AnswerStarted,
				voice.Audio, voice.AnswerDelta, voice.AnswerDone, voice.Usage}
			if got := firsts(evs); !slices.Equal(got, want) {
				t.Fatalf("events %v; want %v", got, want)
			}
			if n := count(evs, voice.SpeechStarted); n != 1 {
				t.Errorf("%d SpeechStarted; want 1", n)
			}
			heard := first(evs, voice.CandidateText).Text
			if len(tc.opts.Script) > 0 && heard != tc.opts.Script[0] {
				t.Errorf("heard %q; want the script", heard)
			}
			done := first(evs, voice.AnswerDone)
			if done.Text != voicetest.Answer(heard) || done.ItemID != "turn-1" {
				t.Errorf("answer %+v; want turn-1 %q", done, voicetest.Answer(heard))
			}
			u := first(evs, voice.Usage).Usage
			if u.InputTokens <= 0 || u.OutputTokens <= 0 || u.AudioIn <= 0 || u.AudioOut < time.Second {
				t.Errorf("usage %+v; want tokens and audio both ways", u)
			}
		})
	}
}

// Interrupt ends the answer cut exactly once, however often it is called
// and whatever the server then says; none of its audio follows.
func TestInterruptCutsOnce(t *testing.T) {
	t.Parallel()
	for _, ptt := range []bool{false, true} {
		t.Run(fmt.Sprintf("push-to-talk %v", ptt), func(t *testing.T) {
			t.Parallel()
			f := startFake(t, geminifake.Options{})
			c := dial(t, New(Config{APIKey: f.Key(), BaseURL: f.URL()}), voice.Setup{PushToTalk: ptt})
			speak(c, voicetest.Utterance(inputRate, 400, 900))
			if ptt {
				if err := c.Commit(); err != nil {
					t.Fatal(err)
				}
			}
			evs := until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Audio) > 0 })
			for range 2 {
				if err := c.Interrupt(100 * time.Millisecond); err != nil {
					t.Fatal(err)
				}
			}
			// With push-to-talk the interruption opened an activity: the
			// server cuts its answer and the turn completes.
			evs = append(evs, until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Usage) > 0 })...)
			item := first(evs, voice.AnswerStarted).ItemID
			var dones int
			for i, e := range evs {
				if e.Kind == voice.AnswerDone {
					dones++
					if !e.Cut || e.ItemID != item {
						t.Errorf("answer done %+v; want %s cut", e, item)
					}
				}
				if e.Kind == voice.Audio && dones > 0 {
					t.Fatalf("audio after the cut at event %d", i)
				}
			}
			if dones != 1 {
				t.Fatalf("%d AnswerDone; want exactly one", dones)
			}
			// The conversation goes on.
			if ptt {
				speak(c, voicetest.Utterance(inputRate, 300, 60))
				if err := c.Commit(); err != nil {
					t.Fatal(err)
				}
			} else {
				go speak(c, voicetest.Utterance(inputRate, 400, 900))
			}
			evs = until(t, c, func(evs []voice.Event) bool { return count(evs, voice.AnswerDone) > 0 })
			if d := first(evs, voice.AnswerDone); d.Cut || d.ItemID == item {
				t.Fatalf("next answer %+v; want a whole new one", d)
			}
		})
	}
}

// Interrupt may be called by the goroutine that reads Events while it is
// behind: it must not wait for that reader.
func TestInterruptDoesNotWaitForTheReader(t *testing.T) {
	t.Parallel()
	f := startFake(t, geminifake.Options{})
	c := dial(t, New(Config{APIKey: f.Key(), BaseURL: f.URL()}), voice.Setup{})
	speak(c, voicetest.Utterance(inputRate, 400, 900)) // the answer starts streaming meanwhile
	time.Sleep(300 * time.Millisecond)                 // more events than Events buffers, unread
	returned := make(chan error, 1)
	go func() { returned <- c.Interrupt(0) }()
	select {
	case err := <-returned:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Interrupt waited for the events reader")
	}
	evs := until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Usage) > 0 })
	if count(evs, voice.AnswerDone) != 1 || !first(evs, voice.AnswerDone).Cut {
		t.Fatalf("events %v; want one cut answer", firsts(evs))
	}
}

// Connect gives up on a server that never answers the upgrade.
func TestConnectTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		var held []net.Conn // accepted, never answered
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	p := New(Config{APIKey: "k", BaseURL: "ws://" + ln.Addr().String() + "/", ConnectTimeout: 200 * time.Millisecond})
	start := time.Now()
	_, err = p.Connect(context.Background(), voice.Setup{})
	if err == nil || voice.IsFatal(err) || time.Since(start) > 2*time.Second {
		t.Fatalf("Connect = %v after %v; want a retryable timeout", err, time.Since(start))
	}
}

func TestMissingKeyIsFatal(t *testing.T) {
	_, err := New(Config{BaseURL: "ws://127.0.0.1:1/"}).Connect(context.Background(), voice.Setup{})
	if !voice.IsFatal(err) {
		t.Fatalf("err = %v; want fatal", err)
	}
}

func TestClassify(t *testing.T) {
	jsonErr := func(status string) error {
		return fmt.Errorf("failed to receive setup complete: %w", fmt.Errorf(
			`received error in response: {"error":{"code":401,"message":"bad","status":%q}}`, status))
	}
	cases := []struct {
		name  string
		err   error
		code  string
		fatal bool
	}{
		{"1007", &websocket.CloseError{Code: 1007, Text: "Request contains an invalid argument."}, "1007", true},
		{"1008", fmt.Errorf("wrapped: %w", &websocket.CloseError{Code: 1008, Text: "API key not valid."}), "1008", true},
		{"1011", &websocket.CloseError{Code: 1011, Text: "Internal error encountered."}, "1011", false},
		{"abnormal", &websocket.CloseError{Code: 1006, Text: "unexpected EOF"}, "1006", false},
		{"unauthenticated", jsonErr("UNAUTHENTICATED"), "UNAUTHENTICATED", true},
		{"permission", jsonErr("PERMISSION_DENIED"), "PERMISSION_DENIED", true},
		{"exhausted", jsonErr("RESOURCE_EXHAUSTED"), "RESOURCE_EXHAUSTED", false},
		{"unavailable", jsonErr("UNAVAILABLE"), "UNAVAILABLE", false},
		{"dial", errors.New("dial tcp: connection refused"), "transport", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ve *voice.Error
			if err := classify(tc.err); !errors.As(err, &ve) || ve.Code != tc.code || ve.Fatal != tc.fatal || ve.Provider != "gemini" {
				t.Fatalf("classify = %#v; want code %s fatal %v", err, tc.code, tc.fatal)
			}
		})
	}
	if ve := classify(&websocket.CloseError{Code: 1011, Text: "[ORIGINAL ERROR] Deadline expired."}).(*voice.Error); ve.Message != "Deadline expired." {
		t.Errorf("message %q: the ERROR] prefix stays", ve.Message)
	}
}

func TestLineTurn(t *testing.T) {
	cases := []struct {
		line voice.Line
		role string
		text string
	}{
		{voice.Line{Speaker: voice.SpeakerCandidate, Text: "hi"}, "user", "hi"},
		{voice.Line{Speaker: voice.SpeakerInterviewer, Text: "hello"}, "model", "hello"},
		{voice.Line{Speaker: voice.SpeakerSystem, Text: "tests pass"}, "user", "[Context] tests pass"},
	}
	for _, tc := range cases {
		got := lineTurn(tc.line)
		if got.Role != tc.role || got.Parts[0].Text != tc.text {
			t.Errorf("lineTurn(%+v) = %s %q; want %s %q", tc.line, got.Role, got.Parts[0].Text, tc.role, tc.text)
		}
	}
	if lineTurn(voice.Line{Speaker: voice.SpeakerSystem, Text: " "}) != nil {
		t.Error("a blank line is not sent")
	}
}

func TestAudioRate(t *testing.T) {
	cases := map[string]int{"audio/pcm;rate=24000": 24000, "audio/pcm": 24000, "audio/pcm; rate=16000": 16000,
		"audio/L16;codec=pcm;rate=22050": 22050, "image/png": 0}
	for mime, want := range cases {
		if got, _ := audioRate(mime); got != want {
			t.Errorf("audioRate(%q) = %d; want %d", mime, got, want)
		}
	}
}

func startFake(t *testing.T, o geminifake.Options) *geminifake.Server {
	f := geminifake.New(o)
	t.Cleanup(f.Close)
	return f
}

func dial(t *testing.T, p voice.Provider, s voice.Setup) voice.Conn {
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

// answer speaks one utterance and returns what the model heard, once the
// answer is done.
func answer(t *testing.T, c voice.Conn) string {
	t.Helper()
	go speak(c, voicetest.Utterance(inputRate, 400, 900))
	evs := until(t, c, func(evs []voice.Event) bool { return count(evs, voice.Usage) > 0 && count(evs, voice.AnswerDone) > 0 })
	if d := first(evs, voice.AnswerDone); d.Cut {
		t.Fatalf("answer cut: %v", evs)
	}
	return first(evs, voice.CandidateText).Text
}

func speak(c voice.Conn, b []byte) {
	for _, f := range pcm.Chunks(b, inputRate, 20) {
		if c.SendAudio(f) != nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func until(t *testing.T, c voice.Conn, done func([]voice.Event) bool) []voice.Event {
	t.Helper()
	return voicetest.Collect(t, c, 15*time.Second, done)
}

func drainAll(t *testing.T, c voice.Conn, within time.Duration) {
	t.Helper()
	voicetest.Drain(t, c, within)
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	if !testenv.Eventually(10*time.Second, ok) {
		t.Fatalf("no %s within 10 s", what)
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

func first(evs []voice.Event, k voice.Kind) voice.Event {
	for _, e := range evs {
		if e.Kind == k {
			return e
		}
	}
	return voice.Event{}
}

// firsts lists each kind once, in order of first appearance.
func firsts(evs []voice.Event) []voice.Kind {
	var out []voice.Kind
	for _, e := range evs {
		if !slices.Contains(out, e.Kind) {
			out = append(out, e.Kind)
		}
	}
	return out
}
