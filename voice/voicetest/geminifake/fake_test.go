package geminifake

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
)

const path = "ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

// The fake refuses what the service refuses, with the documented codes.
func TestRefusals(t *testing.T) {
	setup := `{"setup":{"model":"models/gemini-3.8-live"}}`
	cases := []struct {
		name  string
		key   string
		first string
		code  websocket.StatusCode
	}{
		{"wrong key", "nope", setup, websocket.StatusPolicyViolation},
		{"no key", "", setup, websocket.StatusPolicyViolation},
		{"unknown model", DefaultKey, `{"setup":{"model":"models/gemini-1.0-pro"}}`, websocket.StatusPolicyViolation},
		{"not setup first", DefaultKey, `{"realtimeInput":{"audioStreamEnd":true}}`, websocket.StatusInvalidFramePayloadData},
		{"two keys", DefaultKey, `{"setup":{"model":"models/gemini-3.8-live"},"clientContent":{}}`, websocket.StatusInvalidFramePayloadData},
		{"not JSON", DefaultKey, `setup`, websocket.StatusInvalidFramePayloadData},
		{"text modality", DefaultKey, `{"setup":{"model":"models/gemini-3.8-live","generationConfig":{"responseModalities":["TEXT"]}}}`,
			websocket.StatusInvalidFramePayloadData},
		{"unknown handle", DefaultKey, `{"setup":{"model":"models/gemini-3.8-live","sessionResumption":{"handle":"h"}}}`,
			websocket.StatusInvalidFramePayloadData},
	}
	s := New(Options{})
	defer s.Close()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := open(t, s, tc.key, "")
			write(t, ws, tc.first)
			_, _, err := ws.Read(context.Background())
			if got := websocket.CloseStatus(err); got != tc.code {
				t.Fatalf("closed %v (%v); want %v", got, err, tc.code)
			}
		})
	}
}

// A spoken turn on the raw wire: binary server frames, the transcript,
// audio at 24 kHz, usage with the turn, then a resumption handle; goAway
// carries a Duration string.
func TestWire(t *testing.T) {
	s := New(Options{Lifetime: 4 * time.Second})
	defer s.Close()
	ws := open(t, s, "", "?key="+DefaultKey) // the query form of the key
	write(t, ws, `{"setup":{"model":"models/gemini-3.8-live","systemInstruction":{"parts":[{"text":"be brief"}]},`+
		`"sessionResumption":{},"inputAudioTranscription":{},"outputAudioTranscription":{}}}`)
	if m, typ := read(t, ws); m["setupComplete"] == nil || typ != websocket.MessageBinary {
		t.Fatalf("first message %v (type %v); want setupComplete in a binary frame", m, typ)
	}
	for _, f := range pcm.Chunks(voicetest.Utterance(16000, 400, 700), 16000, 20) {
		msg := `{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"` + base64.StdEncoding.EncodeToString(f) + `"}}}`
		if err := ws.Write(context.Background(), websocket.MessageBinary, []byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	var heard, said strings.Builder
	var audio int
	var sawGen, sawHandle, sawGoAway bool
	for !sawGoAway {
		m, _ := read(t, ws)
		if sc, ok := m["serverContent"].(map[string]any); ok {
			if tr, ok := sc["inputTranscription"].(map[string]any); ok {
				heard.WriteString(tr["text"].(string))
			}
			if tr, ok := sc["outputTranscription"].(map[string]any); ok {
				said.WriteString(tr["text"].(string))
			}
			if mt, ok := sc["modelTurn"].(map[string]any); ok {
				inline := mt["parts"].([]any)[0].(map[string]any)["inlineData"].(map[string]any)
				if inline["mimeType"] != "audio/pcm;rate=24000" {
					t.Fatalf("audio %v", inline["mimeType"])
				}
				b, _ := base64.StdEncoding.DecodeString(inline["data"].(string))
				audio += len(b)
			}
			sawGen = sawGen || sc["generationComplete"] == true
			if sc["turnComplete"] == true {
				u, ok := m["usageMetadata"].(map[string]any)
				if !ok || !sawGen || u["promptTokenCount"].(float64) <= 0 || u["responseTokenCount"].(float64) <= 0 {
					t.Fatalf("turnComplete %v after generationComplete %v", m, sawGen)
				}
			}
		}
		if u, ok := m["sessionResumptionUpdate"].(map[string]any); ok && u["newHandle"] != "" {
			sawHandle = true
		}
		if g, ok := m["goAway"].(map[string]any); ok {
			if g["timeLeft"] != "1s" {
				t.Errorf("goAway %v; want timeLeft \"1s\"", g)
			}
			sawGoAway = true
		}
	}
	if heard.String() != "candidate utterance 1" || said.String() != voicetest.Answer(heard.String()) {
		t.Errorf("heard %q, said %q", heard.String(), said.String())
	}
	if want := len(voicetest.Speech(said.String())); audio != want {
		t.Errorf("%d audio bytes; want %d", audio, want)
	}
	if !sawHandle || len(s.Resumptions()) != 0 || s.Connections() != 1 {
		t.Errorf("handle %v, resumptions %v, connections %d", sawHandle, s.Resumptions(), s.Connections())
	}
	if s.Instructions() != "be brief" {
		t.Errorf("instructions %q", s.Instructions())
	}
}

func open(t *testing.T, s *Server, key, query string) *websocket.Conn {
	t.Helper()
	h := http.Header{}
	if key != "" {
		h.Set("x-goog-api-key", key)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, s.URL()+path+query, &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		t.Fatal(err)
	}
	ws.SetReadLimit(-1)
	t.Cleanup(func() { ws.CloseNow() })
	return ws
}

func write(t *testing.T, ws *websocket.Conn, msg string) {
	t.Helper()
	if err := ws.Write(context.Background(), websocket.MessageText, []byte(msg)); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, ws *websocket.Conn) (map[string]any, websocket.MessageType) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	typ, b, err := ws.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m, typ
}

// clientContent is context, instruction updates are marked, a complete
// turn is answered; activity signals need automatic detection off.
func TestClientContent(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	ws := open(t, s, DefaultKey, "")
	write(t, ws, `{"setup":{"model":"models/gemini-3.8-live","systemInstruction":{"parts":[{"text":"INSTR-one"}]}}}`)
	read(t, ws) // setupComplete
	write(t, ws, `{"clientContent":{"turns":[{"role":"user","parts":[{"text":"`+InstructionsPrefix+`\nINSTR-two"}]},`+
		`{"role":"model","parts":[{"text":"noted"}]}]}}`)
	write(t, ws, `{"clientContent":{"turns":[{"role":"user","parts":[{"text":"typed hello"}]}],"turnComplete":true}}`)
	var said strings.Builder
	for {
		m, _ := read(t, ws)
		sc, _ := m["serverContent"].(map[string]any)
		if tr, ok := sc["outputTranscription"].(map[string]any); ok {
			said.WriteString(tr["text"].(string))
		}
		if sc["turnComplete"] == true {
			break
		}
	}
	if said.String() != voicetest.Answer("typed hello") {
		t.Errorf("answer %q", said.String())
	}
	if got := strings.Join(s.Context(), "|"); got != InstructionsPrefix+"\nINSTR-two|noted|typed hello" {
		t.Errorf("context %q", got)
	}
	if got := s.Instructions(); got != "INSTR-one\nINSTR-two" {
		t.Errorf("instructions %q", got)
	}
	write(t, ws, `{"realtimeInput":{"activityStart":{}}}`)
	if _, _, err := ws.Read(context.Background()); websocket.CloseStatus(err) != websocket.StatusInvalidFramePayloadData {
		t.Errorf("activityStart under automatic detection: %v; want 1007", err)
	}
}
