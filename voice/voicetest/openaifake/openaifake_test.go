package openaifake

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
)

// client is a raw GA client: what the fake must answer byte for byte.
type client struct {
	t *testing.T
	c *websocket.Conn
}

type event struct {
	Type    string         `json:"type"`
	Session map[string]any `json:"session"`
	Error   struct {
		Code    string `json:"code"`
		Param   string `json:"param"`
		EventID string `json:"event_id"`
	} `json:"error"`
	ItemID     string         `json:"item_id"`
	AudioEndMS int            `json:"audio_end_ms"`
	Response   map[string]any `json:"response"`
	Delta      string         `json:"delta"`
}

func start(t *testing.T, opts Options) *Fake {
	f := New(opts)
	t.Cleanup(f.Close)
	return f
}

func dial(t *testing.T, f *Fake, opts *websocket.DialOptions) (*client, *http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, f.URL()+"/realtime?model=gpt-realtime", opts)
	if err != nil {
		return nil, resp, err
	}
	c.SetReadLimit(-1)
	t.Cleanup(func() { c.CloseNow() })
	return &client{t, c}, resp, nil
}

func bearer(key string) *websocket.DialOptions {
	return &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + key}}}
}

// open connects with the right key and reads session.created.
func open(t *testing.T, f *Fake) *client {
	t.Helper()
	c, _, err := dial(t, f, bearer(DefaultKey))
	if err != nil {
		t.Fatal(err)
	}
	if e := c.next(); e.Type != "session.created" {
		t.Fatalf("first event %q; want session.created", e.Type)
	}
	return c
}

func (c *client) send(v string) {
	c.t.Helper()
	if err := c.c.Write(context.Background(), websocket.MessageText, []byte(v)); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) next() event {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, b, err := c.c.Read(ctx)
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	var e event
	if err := json.Unmarshal(b, &e); err != nil {
		c.t.Fatalf("%s: %v", b, err)
	}
	return e
}

// await reads until an event of type typ.
func (c *client) await(typ string) event {
	c.t.Helper()
	for {
		if e := c.next(); e.Type == typ {
			return e
		}
	}
}

func (c *client) speak(ms, silenceMS int) {
	c.t.Helper()
	for _, fr := range pcm.Chunks(voicetest.Utterance(rate, ms, silenceMS), rate, 20) {
		c.send(`{"type":"input_audio_buffer.append","audio":"` + base64.StdEncoding.EncodeToString(fr) + `"}`)
	}
}

func TestUpgrade(t *testing.T) {
	f := start(t, Options{})
	for _, tc := range []struct {
		name   string
		opts   *websocket.DialOptions
		status int    // refused at the upgrade with this status
		proto  string // the subprotocol selected
	}{
		{"bearer key", bearer(DefaultKey), 0, ""},
		{"wrong key", bearer("sk-wrong-key"), http.StatusUnauthorized, ""},
		{"no key", nil, http.StatusUnauthorized, ""},
		{"browser subprotocols", &websocket.DialOptions{Subprotocols: []string{"realtime", "openai-insecure-api-key." + DefaultKey}}, 0, "realtime"},
		{"browser subprotocols, wrong key", &websocket.DialOptions{Subprotocols: []string{"realtime", "openai-insecure-api-key.ek_nope"}}, http.StatusUnauthorized, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, resp, err := dial(t, f, tc.opts)
			if tc.status != 0 {
				if err == nil || resp == nil || resp.StatusCode != tc.status {
					t.Fatalf("err %v, resp %v; want HTTP %d", err, resp, tc.status)
				}
				var body struct{ Error struct{ Code string } }
				json.NewDecoder(resp.Body).Decode(&body)
				if body.Error.Code != "invalid_api_key" {
					t.Fatalf("error body code %q; want invalid_api_key", body.Error.Code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.c.Subprotocol(); got != tc.proto {
				t.Fatalf("subprotocol %q; want %q", got, tc.proto)
			}
			e := c.next()
			if e.Type != "session.created" || e.Session["type"] != "realtime" || e.Session["expires_at"] == nil {
				t.Fatalf("first event %+v; want session.created with a realtime session", e)
			}
		})
	}
}

// The beta interface is gone: an error event, then close 4000.
func TestBetaRefused(t *testing.T) {
	f := start(t, Options{})
	for name, opts := range map[string]*websocket.DialOptions{
		"header":      {HTTPHeader: http.Header{"Authorization": {"Bearer " + DefaultKey}, "Openai-Beta": {"realtime=v1"}}},
		"subprotocol": {Subprotocols: []string{"realtime", "openai-insecure-api-key." + DefaultKey, "openai-beta.realtime-v1"}},
	} {
		t.Run(name, func(t *testing.T) {
			c, _, err := dial(t, f, opts)
			if err != nil {
				t.Fatal(err)
			}
			if e := c.next(); e.Type != "error" || e.Error.Code != "beta_api_shape_disabled" {
				t.Fatalf("first event %+v; want error beta_api_shape_disabled", e)
			}
			_, _, err = c.c.Read(context.Background())
			if websocket.CloseStatus(err) != 4000 {
				t.Fatalf("read after the error: %v; want close 4000", err)
			}
		})
	}
}

// An update is applied whole or not at all.
func TestSessionUpdateValidation(t *testing.T) {
	for _, tc := range []struct {
		name, update, code, param string
	}{
		{"no session.type", `{"instructions":"NEW"}`, "missing_required_parameter", "session.type"},
		{"a beta field", `{"type":"realtime","instructions":"NEW","modalities":["audio","text"]}`, "unknown_parameter", "session.modalities"},
		{"a beta field deep down", `{"type":"realtime","instructions":"NEW","audio":{"input":{"turn_detection":{"type":"server_vad","temperature":0.8}}}}`,
			"unknown_parameter", "session.audio.input.turn_detection.temperature"},
		{"a wrong rate", `{"type":"realtime","instructions":"NEW","audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}`,
			"invalid_value", "session.audio.input.format.rate"},
		{"both modalities", `{"type":"realtime","instructions":"NEW","output_modalities":["audio","text"]}`, "invalid_value", "session.output_modalities"},
		{"valid", `{"type":"realtime","instructions":"NEW"}`, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, Options{})
			c := open(t, f)
			c.send(`{"type":"session.update","event_id":"ev_42","session":` + tc.update + `}`)
			e := c.next()
			if tc.code == "" {
				if e.Type != "session.updated" || e.Session["instructions"] != "NEW" || f.Instructions() != "NEW" {
					t.Fatalf("got %+v; want session.updated with the new instructions", e)
				}
				return
			}
			if e.Type != "error" || e.Error.Code != tc.code || e.Error.Param != tc.param || e.Error.EventID != "ev_42" {
				t.Fatalf("got %+v; want error %s at %s echoing ev_42", e, tc.code, tc.param)
			}
			if f.Instructions() == "NEW" {
				t.Fatal("a refused update changed the instructions")
			}
		})
	}
}

func TestScriptedFailure(t *testing.T) {
	f := start(t, Options{FailWith: "insufficient_quota"})
	c := open(t, f)
	c.send(`{"type":"session.update","session":{"type":"realtime"}}`)
	if e := c.next(); e.Type != "error" || e.Error.Code != "insufficient_quota" {
		t.Fatalf("got %+v; want insufficient_quota", e)
	}
	c.send(`{"type":"session.update","session":{"type":"realtime"}}`)
	if e := c.next(); e.Type != "session.updated" {
		t.Fatalf("got %+v; the failure fires once", e)
	}
}

// The rules a real session enforces, one event at a time (manual turns).
func TestManualTurnRules(t *testing.T) {
	f := start(t, Options{Script: []string{"my answer is a hash map"}})
	c := open(t, f)
	c.send(`{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null,"transcription":{"model":"gpt-4o-mini-transcribe"}}}}}`)
	c.await("session.updated")

	c.send(`{"type":"input_audio_buffer.commit","event_id":"c1"}`)
	if e := c.next(); e.Error.Code != "input_audio_buffer_commit_empty" || e.Error.EventID != "c1" {
		t.Fatalf("empty commit: %+v", e)
	}
	c.send(`{"type":"response.cancel"}`)
	if e := c.next(); e.Error.Code != "response_cancel_not_active" {
		t.Fatalf("cancel with nothing active: %+v", e)
	}

	c.speak(400, 60)
	c.send(`{"type":"input_audio_buffer.commit"}`)
	if e := c.await("conversation.item.input_audio_transcription.completed"); e.ItemID == "" {
		t.Fatalf("transcription %+v", e)
	}
	c.send(`{"type":"response.create"}`)
	c.send(`{"type":"response.create"}`)
	var item string
	var audio []byte
	for item == "" || len(audio) == 0 {
		switch e := c.next(); e.Type {
		case "response.output_audio.delta":
			item = e.ItemID
			b, _ := base64.StdEncoding.DecodeString(e.Delta)
			audio = append(audio, b...)
		case "error":
			if e.Error.Code != "conversation_already_has_active_response" {
				t.Fatalf("second response.create: %+v", e)
			}
		}
	}
	sentMS := len(audio) / bytesPerMS
	// Past what was sent is refused; within it is accepted.
	c.send(`{"type":"conversation.item.truncate","item_id":"` + item + `","content_index":0,"audio_end_ms":999999}`)
	c.send(`{"type":"response.cancel"}`)
	var refused, cancelled bool
	for !refused || !cancelled {
		switch e := c.next(); e.Type {
		case "error":
			if e.Error.Code != "invalid_value" || e.Error.Param != "audio_end_ms" {
				t.Fatalf("truncate past the audio: %+v", e)
			}
			refused = true
		case "response.done":
			if e.Response["status"] != "cancelled" {
				t.Fatalf("response.done %+v; want cancelled", e.Response)
			}
			cancelled = true
		}
	}
	c.send(`{"type":"conversation.item.truncate","item_id":"` + item + `","content_index":0,"audio_end_ms":` + itoa(sentMS) + `}`)
	if e := c.await("conversation.item.truncated"); e.ItemID != item || e.AudioEndMS != sentMS {
		t.Fatalf("truncated %+v; want %s at %d", e, item, sentMS)
	}
}

// Sequence B with the server VAD, then sequence C when the candidate talks
// over the answer.
func TestVADTurnAndBargeIn(t *testing.T) {
	f := start(t, Options{Script: []string{"first", "second"}})
	c := open(t, f)
	c.send(`{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","silence_duration_ms":300},"transcription":{"model":"whisper-1"}}}}}`)
	c.await("session.updated")
	c.speak(400, 400)
	want := []string{"input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
		"conversation.item.added", "conversation.item.done", "conversation.item.input_audio_transcription.delta",
		"conversation.item.input_audio_transcription.completed", "response.created", "rate_limits.updated",
		"response.output_item.added", "conversation.item.added", "response.content_part.added", "response.output_audio.delta"}
	for _, w := range want {
		e := c.next()
		for e.Type == "conversation.item.input_audio_transcription.delta" && w != e.Type {
			e = c.next()
		}
		if e.Type != w {
			t.Fatalf("got %s; want %s", e.Type, w)
		}
		if w == "input_audio_buffer.speech_stopped" && (e.AudioEndMS < 350 || e.AudioEndMS > 450) {
			t.Fatalf("speech stopped at %d ms; the tone ends at 400", e.AudioEndMS)
		}
	}
	c.speak(400, 0)
	e := c.await("response.done")
	if e.Response["status"] != "cancelled" || e.Response["status_details"].(map[string]any)["reason"] != "turn_detected" {
		t.Fatalf("response.done %+v; want cancelled by turn_detected", e.Response)
	}
	usage := e.Response["usage"].(map[string]any)
	if usage["input_tokens"].(float64) <= 0 || usage["output_tokens"].(float64) <= 0 {
		t.Fatalf("usage %+v", usage)
	}
}

func TestSessionLimit(t *testing.T) {
	f := start(t, Options{SessionLimit: 200 * time.Millisecond})
	c := open(t, f)
	if e := c.await("error"); e.Error.Code != "session_expired" {
		t.Fatalf("got %+v; want session_expired", e)
	}
	_, _, err := c.c.Read(context.Background())
	if websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Fatalf("read after expiry: %v; want close 1001", err)
	}
}

func TestAppendFastPath(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		want string
		ok   bool
	}{
		{`{"type":"input_audio_buffer.append","audio":"AAEC"}`, "AAEC", true},
		{`{"audio": "AAEC", "type": "input_audio_buffer.append"}`, "AAEC", true},
		{`{"type":"input_audio_buffer.append","audio":"AA\/EC"}`, "", false},
		{`{"type":"session.update","session":{"type":"input_audio_buffer.append"}}`, "", false},
		{`{"type":"input_audio_buffer.commit"}`, "", false},
	} {
		got, ok := appendAudio([]byte(tc.msg))
		if ok != tc.ok || string(got) != tc.want {
			t.Errorf("appendAudio(%s) = %q, %v; want %q, %v", tc.msg, got, ok, tc.want, tc.ok)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Appends are most of the traffic: in steady state they allocate nothing.
func TestAppendAllocations(t *testing.T) {
	f := start(t, Options{})
	s := newSession(f, nil, "gpt-realtime")
	s.dead = true // no socket: nothing is written
	msg := []byte(`{"type":"input_audio_buffer.append","audio":"` + base64.StdEncoding.EncodeToString(pcm.Silence(rate, 20)) + `"}`)
	s.handle(msg)
	if n := testing.AllocsPerRun(100, func() { s.handle(msg) }); n > 0 {
		t.Fatalf("an append allocates %v times", n)
	}
}

// The benchmark options: 20 ms deltas in real time, each marked on a
// private copy (the shared answer audio stays clean), and every append
// seen as it arrives.
func TestBenchmarkOptions(t *testing.T) {
	var appended atomic.Int64
	f := start(t, Options{Script: []string{"hash map"}, Pace: 1, DeltaMS: 20,
		MarkDelta: func(pcm []byte) { pcm[0], pcm[1] = 0x7f, 0x7f },
		OnAppend: func(pcm []byte) {
			if len(pcm) == 20*bytesPerMS && pcm[0] == 42 {
				appended.Add(1)
			}
		}})
	c := open(t, f)
	c.send(`{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}`)
	c.await("session.updated")
	frame := pcm.Silence(rate, 20)
	frame[0] = 42
	for range 10 {
		c.send(`{"type":"input_audio_buffer.append","audio":"` + base64.StdEncoding.EncodeToString(frame) + `"}`)
	}
	c.send(`{"type":"input_audio_buffer.commit"}`)
	c.send(`{"type":"response.create"}`)
	var first time.Time
	for n := 0; n < 10; {
		e := c.next()
		if e.Type != "response.output_audio.delta" {
			continue
		}
		b, _ := base64.StdEncoding.DecodeString(e.Delta)
		if len(b) != 20*bytesPerMS || b[0] != 0x7f || b[1] != 0x7f {
			t.Fatalf("delta of %d bytes starting %x; want 20 ms, marked", len(b), b[:2])
		}
		if n++; n == 1 {
			first = time.Now()
		}
	}
	// Nine intervals of 20 ms at real time; a timer may run late, never early.
	if d := time.Since(first); d < 160*time.Millisecond {
		t.Fatalf("10 deltas of 20 ms in %v: faster than real time", d)
	}
	if got := appended.Load(); got != 10 {
		t.Fatalf("OnAppend saw %d marked frames; want 10", got)
	}
	if a := f.answerAudio(voicetest.Answer("hash map")); a[0] == 0x7f && a[1] == 0x7f {
		t.Fatal("marking wrote into the shared answer audio")
	}
}
