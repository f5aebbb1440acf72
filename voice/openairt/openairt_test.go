package openairt

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
	"github.com/mockroom/mockroom/voice/voicetest/openaifake"
)

func startFake(t *testing.T, opts openaifake.Options) *openaifake.Fake {
	t.Helper()
	f := openaifake.New(opts)
	t.Cleanup(f.Close)
	return f
}

func TestConformance(t *testing.T) {
	t.Parallel()
	voicetest.Run(t, func(t *testing.T) voicetest.Target {
		f := startFake(t, openaifake.Options{})
		return voicetest.Target{
			Provider: New(Config{APIKey: openaifake.DefaultKey, BaseURL: f.URL()}),
			BadKey:   New(Config{APIKey: "sk-wrong-key-0000", BaseURL: f.URL()}),
			Fake:     f,
		}
	})
}

func TestSocketURL(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"wss://api.openai.com/v1", "wss://api.openai.com/v1/realtime?model=gpt-realtime"},
		{"https://api.openai.com/v1/", "wss://api.openai.com/v1/realtime?model=gpt-realtime"},
		{"http://127.0.0.1:8080/v1", "ws://127.0.0.1:8080/v1/realtime?model=gpt-realtime"},
		{"ws://h/v1", "ws://h/v1/realtime?model=gpt-realtime"},
		{"ftp://h/v1", ""},
	} {
		got, err := socketURL(tc.base, "gpt-realtime")
		if tc.want == "" {
			if err == nil {
				t.Errorf("socketURL(%q) = %q; want an error", tc.base, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("socketURL(%q) = %q, %v; want %q", tc.base, got, err, tc.want)
		}
	}
}

// betaHeader makes every request carry the retired beta header, as an old
// client would.
type betaHeader struct{}

func (betaHeader) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("OpenAI-Beta", "realtime=v1")
	return http.DefaultTransport.RoundTrip(r)
}

// Failures at connect time: each must come back as a *voice.Error of the
// right code and fatality, from Connect or, failing that, from Err.
func TestConnectFailures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		opts  openaifake.Options
		cfg   func(url string) Config
		code  string
		fatal bool
	}{
		{"bad key at the upgrade", openaifake.Options{},
			func(u string) Config { return Config{APIKey: "sk-nope-nope", BaseURL: u} }, "invalid_api_key", true},
		{"the beta interface is refused", openaifake.Options{},
			func(u string) Config {
				return Config{APIKey: openaifake.DefaultKey, BaseURL: u, HTTPClient: &http.Client{Transport: betaHeader{}}}
			}, "beta_api_shape_disabled", true},
		{"no quota at session.update", openaifake.Options{FailWith: "insufficient_quota"},
			func(u string) Config { return Config{APIKey: openaifake.DefaultKey, BaseURL: u} }, "insufficient_quota", true},
		{"a server error at session.update is retryable", openaifake.Options{FailWith: "server_error"},
			func(u string) Config { return Config{APIKey: openaifake.DefaultKey, BaseURL: u} }, "server_error", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := startFake(t, tc.opts)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := New(tc.cfg(f.URL())).Connect(ctx, voice.Setup{Instructions: "x"})
			if err == nil {
				defer c.Close()
				drain(t, c)
				err = c.Err()
			}
			var ve *voice.Error
			if !errors.As(err, &ve) || ve.Code != tc.code || ve.Fatal != tc.fatal {
				t.Fatalf("err = %#v; want code %s, fatal %v", err, tc.code, tc.fatal)
			}
		})
	}
}

func TestSessionExpiredIsRetryable(t *testing.T) {
	t.Parallel()
	f := startFake(t, openaifake.Options{SessionLimit: 300 * time.Millisecond})
	c := dial(t, f, voice.Setup{Instructions: "x"})
	drain(t, c)
	var ve *voice.Error
	if err := c.Err(); !errors.As(err, &ve) || ve.Code != "session_expired" || ve.Fatal {
		t.Fatalf("Err = %v; want a retryable session_expired", err)
	}
}

// The races every client meets (a second commit and response.create while
// an answer streams, a cancel after the answer ended) must not surface.
func TestBenignRacesRaiseNoWarning(t *testing.T) {
	t.Parallel()
	f := startFake(t, openaifake.Options{})
	c := dial(t, f, voice.Setup{Instructions: "x", PushToTalk: true})
	speak(t, c, voicetest.Utterance(rate, 400, 60))
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	// Nothing new to commit, and an answer is already on its way.
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	evs := until(t, c, voice.AnswerDone)
	// The server finished, but this connection has not heard so yet.
	cc := c.(*conn)
	cc.mu.Lock()
	cc.respActive = true
	cc.mu.Unlock()
	if err := c.Interrupt(time.Hour); err != nil {
		t.Fatal(err)
	}
	// A whole further turn, so that every error above has come back.
	speak(t, c, voicetest.Utterance(rate, 400, 60))
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	evs = append(evs, until(t, c, voice.AnswerDone)...)
	for _, e := range evs {
		if e.Kind == voice.Warning {
			t.Errorf("warning %v", e.Err)
		}
	}
	got := f.Errors()
	for _, code := range []string{"input_audio_buffer_commit_empty", "conversation_already_has_active_response", "response_cancel_not_active"} {
		if !slices.Contains(got, code) {
			t.Errorf("the fake never sent %s (sent %v): the race was not run", code, got)
		}
	}
}

// Interrupt cuts at what was heard, but never past the audio that arrived.
func TestInterruptTruncatesAtHeardAudio(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		heard time.Duration
	}{
		{"heard less than arrived", 50 * time.Millisecond},
		{"heard more than arrived", time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := startFake(t, openaifake.Options{})
			c := dial(t, f, voice.Setup{Instructions: "x", PushToTalk: true})
			speak(t, c, voicetest.Utterance(rate, 400, 60))
			if err := c.Commit(); err != nil {
				t.Fatal(err)
			}
			evs := until(t, c, voice.Audio)
			item := evs[len(evs)-1].ItemID
			if err := c.Interrupt(tc.heard); err != nil {
				t.Fatal(err)
			}
			var received time.Duration
			rest := until(t, c, voice.AnswerDone)
			for _, e := range append(evs, rest...) {
				if e.Kind == voice.Audio && e.ItemID == item {
					received += voice.Duration(e.Audio, rate)
				}
			}
			if d := rest[len(rest)-1]; d.ItemID != item || !d.Cut {
				t.Fatalf("AnswerDone %+v; want %s cut", d, item)
			}
			tr := eventuallyTruncated(t, f)
			want := min(tc.heard, received).Milliseconds()
			if tr.ItemID != item || int64(tr.AudioEndMS) != want || tr.AudioEndMS > tr.SentMS {
				t.Fatalf("truncation %+v; want item %s at %d ms (received %v)", tr, item, want, received)
			}
			if slices.Contains(f.Errors(), "invalid_value") {
				t.Fatalf("the fake refused the truncate: %v", f.Errors())
			}
			// Exactly one AnswerDone for the cut item, and no audio of it after.
			more := until(t, turnOf(t, c), voice.AnswerDone)
			for _, e := range more {
				if e.ItemID == item && (e.Kind == voice.AnswerDone || e.Kind == voice.Audio) {
					t.Fatalf("%v of the cut answer after its AnswerDone", e.Kind)
				}
			}
		})
	}
}

func eventuallyTruncated(t *testing.T, f *openaifake.Fake) openaifake.Truncation {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if tr := f.Truncations(); len(tr) > 0 {
			return tr[0]
		}
	}
	t.Fatalf("no truncation reached the fake (errors %v)", f.Errors())
	return openaifake.Truncation{}
}

// turnOf speaks and commits one more push-to-talk turn.
func turnOf(t *testing.T, c voice.Conn) voice.Conn {
	t.Helper()
	speak(t, c, voicetest.Utterance(rate, 400, 60))
	if err := c.Commit(); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMethodsAfterClose(t *testing.T) {
	t.Parallel()
	f := startFake(t, openaifake.Options{})
	c := dial(t, f, voice.Setup{})
	c.Close()
	for name, call := range map[string]func() error{
		"SendAudio": func() error { return c.SendAudio(pcm.Silence(rate, 20)) },
		"Commit":    c.Commit,
		"Interrupt": func() error { return c.Interrupt(time.Second) },
		"Instruct":  func() error { return c.Instruct("x") },
		"Note":      func() error { return c.Note(voice.Line{Speaker: voice.SpeakerSystem, Text: "x"}) },
	} {
		if err := call(); !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close = %v; want ErrClosed", name, err)
		}
	}
}

func dial(t *testing.T, f *openaifake.Fake, s voice.Setup) voice.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := New(Config{APIKey: openaifake.DefaultKey, BaseURL: f.URL()}).Connect(ctx, s)
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func speak(t *testing.T, c voice.Conn, b []byte) {
	t.Helper()
	for _, fr := range pcm.Chunks(b, rate, 20) {
		if err := c.SendAudio(fr); err != nil {
			t.Fatal(err)
		}
	}
}

// until reads events up to and including the first of kind k.
func until(t *testing.T, c voice.Conn, k voice.Kind) []voice.Event {
	t.Helper()
	return voicetest.Collect(t, c, 10*time.Second, func(evs []voice.Event) bool { return evs[len(evs)-1].Kind == k })
}

func drain(t *testing.T, c voice.Conn) {
	t.Helper()
	voicetest.Drain(t, c, 10*time.Second)
}

func TestReadError(t *testing.T) {
	for _, tc := range []struct {
		name  string
		err   error
		code  string
		fatal bool
	}{
		{"close 4000: the retired beta interface", websocket.CloseError{Code: 4000, Reason: "beta_api_shape_disabled"}, "beta_api_shape_disabled", true},
		{"close 1001 at the session limit", websocket.CloseError{Code: websocket.StatusGoingAway, Reason: "Your session hit the maximum duration of 60 minutes."}, "session_expired", false},
		{"close 1011", websocket.CloseError{Code: websocket.StatusInternalError}, "1011", false},
		{"a drop without a close frame", io.ErrUnexpectedEOF, "connection_lost", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := readError(fmt.Errorf("failed to read: %w", tc.err))
			if e.Code != tc.code || e.Fatal != tc.fatal {
				t.Fatalf("readError = %+v; want %s, fatal %v", e, tc.code, tc.fatal)
			}
		})
	}
}

// handle reads GA events and the beta names a server may still send, and
// gives each answer exactly one AnswerDone.
func TestHandle(t *testing.T) {
	audio := base64.StdEncoding.EncodeToString(make([]byte, 4800)) // 100 ms
	for _, tc := range []struct {
		name   string
		events []string
		want   []voice.Kind
		check  func(t *testing.T, evs []voice.Event)
	}{
		{"GA answer", []string{
			`{"type":"response.created","response":{"id":"r1"}}`,
			`{"type":"response.output_item.added","response_id":"r1","item":{"id":"i1","type":"message","role":"assistant","status":"in_progress"}}`,
			`{"type":"conversation.item.added","item":{"id":"i1","type":"message","role":"assistant","status":"in_progress"}}`,
			`{"type":"response.output_audio.delta","response_id":"r1","item_id":"i1","delta":"` + audio + `"}`,
			`{"type":"response.output_audio_transcript.delta","response_id":"r1","item_id":"i1","delta":"Hel"}`,
			`{"type":"response.done","response":{"id":"r1","status":"completed","output":[{"id":"i1","type":"message","role":"assistant","status":"completed","content":[{"type":"output_audio","transcript":"Hello"}]}],"usage":{"input_tokens":7,"output_tokens":5,"input_token_details":{"cached_tokens":3}}}}`,
		}, []voice.Kind{voice.AnswerStarted, voice.Audio, voice.AnswerDelta, voice.AnswerDone, voice.Usage},
			func(t *testing.T, evs []voice.Event) {
				if d := evs[3]; d.Text != "Hello" || d.Cut || d.ItemID != "i1" {
					t.Errorf("AnswerDone %+v", d)
				}
				if u := evs[4].Usage; u.AudioOut != 100*time.Millisecond || u.InputTokens != 7 || u.OutputTokens != 5 || u.CachedTokens != 3 {
					t.Errorf("Usage %+v", u)
				}
			}},
		{"beta names", []string{
			`{"type":"conversation.item.created","item":{"id":"i2","type":"message","role":"assistant","status":"in_progress"}}`,
			`{"type":"response.audio.delta","item_id":"i2","delta":"` + audio + `"}`,
			`{"type":"response.audio_transcript.delta","item_id":"i2","delta":"Hi"}`,
		}, []voice.Kind{voice.AnswerStarted, voice.Audio, voice.AnswerDelta}, nil},
		{"a cancelled answer is cut, with the deltas as its text", []string{
			`{"type":"response.output_audio_transcript.delta","response_id":"r3","item_id":"i3","delta":"So far"}`,
			`{"type":"response.done","response":{"id":"r3","status":"cancelled","output":[]}}`,
		}, []voice.Kind{voice.AnswerStarted, voice.AnswerDelta, voice.AnswerDone, voice.Usage},
			func(t *testing.T, evs []voice.Event) {
				if d := evs[2]; d.Text != "So far" || !d.Cut {
					t.Errorf("AnswerDone %+v", d)
				}
			}},
		{"candidate speech", []string{
			`{"type":"input_audio_buffer.speech_started","item_id":"u1","audio_start_ms":10}`,
			`{"type":"input_audio_buffer.speech_stopped","item_id":"u1","audio_end_ms":900}`,
			`{"type":"conversation.item.input_audio_transcription.completed","item_id":"u1","transcript":"a heap"}`,
		}, []voice.Kind{voice.SpeechStarted, voice.SpeechStopped, voice.CandidateText},
			func(t *testing.T, evs []voice.Event) {
				if evs[2].Text != "a heap" || evs[2].ItemID != "u1" {
					t.Errorf("CandidateText %+v", evs[2])
				}
			}},
		{"errors: benign ignored, others warn", []string{
			`{"type":"error","error":{"type":"invalid_request_error","code":"response_cancel_not_active","message":"x"}}`,
			`{"type":"error","error":{"type":"invalid_request_error","code":"conversation_already_has_active_response","message":"x"}}`,
			`{"type":"error","error":{"type":"invalid_request_error","code":"input_audio_buffer_commit_empty","message":"x"}}`,
			`{"type":"error","error":{"type":"invalid_request_error","code":"invalid_value","message":"x"}}`,
			`{"type":"some.future_event","x":1}`,
			`not json`,
		}, []voice.Kind{voice.Warning}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &conn{answers: map[string]*answer{}, log: slog.New(slog.DiscardHandler)}
			var evs []voice.Event
			for _, m := range tc.events {
				out, err := c.handle([]byte(m))
				if err != nil {
					t.Fatalf("%s: %v", m, err)
				}
				evs = append(evs, out...)
			}
			var got []voice.Kind
			for _, e := range evs {
				got = append(got, e.Kind)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("kinds %v; want %v", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, evs)
			}
		})
	}
}

func TestHandleEndsOnFatalErrors(t *testing.T) {
	for code, fatal := range map[string]bool{"insufficient_quota": true, "invalid_api_key": true, "session_expired": false} {
		c := &conn{answers: map[string]*answer{}, log: slog.New(slog.DiscardHandler)}
		_, err := c.handle([]byte(`{"type":"error","error":{"type":"invalid_request_error","code":"` + code + `","message":"m"}}`))
		var ve *voice.Error
		if !errors.As(err, &ve) || ve.Code != code || ve.Fatal != fatal {
			t.Errorf("%s: err %v; want it to end the connection, fatal %v", code, err, fatal)
		}
	}
}
