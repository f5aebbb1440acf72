package speechfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
)

func post(t *testing.T, s *Server, path, key, contentType string, body []byte) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, strings.TrimSuffix(s.URL, "/v1")+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

func multipartWAV(t *testing.T, audio []byte, format string) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f, _ := w.CreateFormFile("file", "utterance.wav")
	f.Write(pcm.WAV(audio, 16000))
	w.WriteField("model", "whisper-1")
	if format != "" {
		w.WriteField("response_format", format)
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}

func TestTranscriptions(t *testing.T) {
	s := New(t, Options{Key: "k", Script: []string{"first words", "second words"}})
	speech := voicetest.Utterance(16000, 400, 200)
	cases := []struct {
		name, key, format string
		audio             []byte
		status            int
		want              string // a substring of the body
	}{
		{"no key", "", "", speech, 401, `"code":"invalid_api_key"`},
		{"wrong key", "x", "", speech, 401, `"type":"invalid_request_error"`},
		{"silence says nothing", "k", "json", pcm.Silence(16000, 500), 200, `"text":""`},
		{"json", "k", "", speech, 200, `"text":"first words"`},
		{"text", "k", "text", speech, 200, "second words\n"},
		{"verbose_json past the script", "k", "verbose_json", speech, 200, `"text":"candidate utterance 3"`},
		{"srt is refused", "k", "srt", speech, 400, "not supported"},
	}
	for _, tc := range cases {
		ct, body := multipartWAV(t, tc.audio, tc.format)
		resp, data := post(t, s, PathTranscriptions, tc.key, ct, body)
		if resp.StatusCode != tc.status || !strings.Contains(string(data), tc.want) {
			t.Errorf("%s: %d %s; want %d with %s", tc.name, resp.StatusCode, data, tc.status, tc.want)
		}
	}
	if n := s.Requests(PathTranscriptions); n != len(cases) {
		t.Errorf("Requests = %d, want %d", n, len(cases))
	}
}

func TestSpeech(t *testing.T) {
	s := New(t, Options{WAVRate: 22050, Pace: 100})
	const input = "Hello there."
	cases := []struct {
		format string
		status int
		rate   int
	}{
		{"pcm", 200, 24000},
		{"wav", 200, 22050},
		{"mp3", 400, 0},
		{"", 400, 0}, // OpenAI's default is mp3
	}
	for _, tc := range cases {
		body, _ := json.Marshal(map[string]any{"model": "tts-1", "input": input, "voice": "alloy", "response_format": tc.format})
		resp, data := post(t, s, PathSpeech, "", "application/json", body)
		if resp.StatusCode != tc.status {
			t.Errorf("%q: status %d %s", tc.format, resp.StatusCode, data)
			continue
		}
		if tc.status != 200 {
			continue
		}
		audio, rate := data, 24000
		if tc.format == "wav" {
			var err error
			if audio, rate, err = pcm.ParseWAV(data); err != nil {
				t.Fatal(err)
			}
		}
		want := time.Duration(len(input)) * voicetest.MSPerChar * time.Millisecond
		if got := time.Duration(len(audio)/2) * time.Second / time.Duration(rate); rate != tc.rate || got != want {
			t.Errorf("%q: %v at %d Hz; want %v at %d Hz", tc.format, got, rate, want, tc.rate)
		}
	}
	if got := s.Speech(); len(got) != len(cases) || got[3].ResponseFormat != "mp3" || got[0].Voice != "alloy" {
		t.Errorf("recorded %+v", got)
	}
}

func TestChat(t *testing.T) {
	s := New(t, Options{})
	body := []byte(`{"model":"m","messages":[{"role":"system","content":"INSTR"},{"role":"user","content":"HIST"},` +
		`{"role":"assistant","content":[{"type":"text","text":"REPLY"}]},{"role":"user","content":"[context] note\n\nwhat I said"}]}`)
	resp, data := post(t, s, PathChat, "", "application/json", body)
	want := voicetest.Answer("what I said")
	if resp.StatusCode != 200 || !strings.Contains(string(data), want) {
		t.Fatalf("%d %s; want the answer %q", resp.StatusCode, data, want)
	}
	if s.Instructions() != "INSTR" || strings.Join(s.Context(), "|") != "HIST|REPLY|[context] note\n\nwhat I said" {
		t.Errorf("instructions %q, context %q", s.Instructions(), s.Context())
	}
	stream := bytes.Replace(body, []byte(`"model":"m"`), []byte(`"model":"m","stream":true,"stream_options":{"include_usage":true}`), 1)
	resp, data = post(t, s, PathChat, "", "application/json", stream)
	var text strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		var c struct {
			Choices []struct{ Delta struct{ Content string } }
			Usage   *struct {
				PromptTokens int `json:"prompt_tokens"`
			}
		}
		if d, ok := strings.CutPrefix(line, "data: "); ok && d != "[DONE]" && json.Unmarshal([]byte(d), &c) == nil {
			for _, ch := range c.Choices {
				text.WriteString(ch.Delta.Content)
			}
		}
	}
	if resp.Header.Get("Content-Type") != "text/event-stream" || text.String() != want || !strings.HasSuffix(string(data), "data: [DONE]\n\n") {
		t.Errorf("stream %s", data)
	}
}

// DropAll cuts a speech stream in flight; the server keeps serving.
func TestDropAllAndFail(t *testing.T) {
	s := New(t, Options{Pace: 1})
	body, _ := json.Marshal(map[string]any{"model": "tts-1", "input": strings.Repeat("long answer ", 10), "voice": "alloy", "response_format": "pcm"})
	resp, err := s.Client().Post(strings.TrimSuffix(s.URL, "/v1")+PathSpeech, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatal(err)
	}
	s.DropAll()
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("reading after DropAll: %v; want the stream cut", err)
	}
	s.Fail(PathSpeech, 503, "")
	r, data := post(t, s, PathSpeech, "", "application/json", body)
	if r.StatusCode != 503 || !strings.Contains(string(data), `"type":"server_error"`) {
		t.Errorf("scripted failure: %d %s", r.StatusCode, data)
	}
}
