// Package speechfake is a loopback server that speaks the OpenAI-compatible
// speech API a local cascade talks to (faster-whisper, Kokoro and the like
// behind OpenAI-shaped servers), plus a tiny Chat Completions endpoint so
// that one fake serves the whole cascade in the conformance suite:
//
//   - POST /v1/audio/transcriptions: multipart (file, model, optional
//     response_format json|text|verbose_json); the WAV is decoded and
//     transcribed by a voicetest.Brain, "" when it holds no speech.
//   - POST /v1/audio/speech: JSON {model, input, voice, response_format
//     pcm|wav, speed}; the audio is voicetest.Speech(input) at 24 kHz,
//     streamed in 100 ms pieces a little faster than real time, as a
//     streaming TTS server sends it. mp3 and the other encoded formats are
//     refused (400): the fake does not encode them.
//   - POST /v1/chat/completions: streaming (SSE) and plain, the shape
//     agents/llm/openai expects; it answers voicetest.Answer(the newest user
//     text) and records the system prompt and the messages.
//
// Every request must carry "Authorization: Bearer <Options.Key>" when Key is
// set; otherwise 401 with OpenAI's error object. Server implements
// voicetest.Fake.
package speechfake

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/voicetest"
)

// Paths the fake serves.
const (
	PathTranscriptions = "/v1/audio/transcriptions"
	PathSpeech         = "/v1/audio/speech"
	PathChat           = "/v1/chat/completions"
)

// Options configure a Server; zero values take the defaults.
type Options struct {
	Key    string   // the bearer key every request needs; "" accepts any
	Script []string // what the candidate's utterances are transcribed as (voicetest.Brain)
	// Pace is how many times faster than real time speech audio is
	// streamed (2).
	Pace float64
	// WAVRate is the sample rate of response_format "wav" (24000), so a
	// client's resampling can be checked (Piper speaks at 22050).
	WAVRate int
}

// SpeechRequest is one /v1/audio/speech body as the fake read it.
type SpeechRequest struct {
	Model, Input, Voice, ResponseFormat string
	Speed                               float64
}

// Transcription is one /v1/audio/transcriptions request as the fake read it.
type Transcription struct {
	Model, ResponseFormat, Filename string
	Rate                            int
	Duration                        time.Duration
	Text                            string // what the fake answered
}

// Server is the fake. Safe for concurrent use.
type Server struct {
	URL string // base URL including /v1, for a client's BaseURL

	srv   *httptest.Server
	opts  Options
	brain *voicetest.Brain
	done  chan struct{}

	mu           sync.Mutex
	requests     map[string]int
	failures     map[string][]failure
	instructions string
	context      []string
	speech       []SpeechRequest
	transcripts  []Transcription
}

type failure struct {
	status int
	code   string
}

var _ voicetest.Fake = (*Server)(nil)

// New starts a fake that stops when t's test ends.
func New(t testing.TB, o Options) *Server {
	if o.Pace <= 0 {
		o.Pace = 2
	}
	if o.WAVRate <= 0 {
		o.WAVRate = voicetest.OutputRate
	}
	s := &Server{opts: o, brain: &voicetest.Brain{Script: o.Script}, done: make(chan struct{}),
		requests: map[string]int{}, failures: map[string][]failure{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + "/v1"
	// Cleanups run last-in first-out: release streaming handlers, then close.
	t.Cleanup(s.srv.Close)
	t.Cleanup(func() { close(s.done) })
	return s
}

// Client is an HTTP client for the fake.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close stops the server: later requests are refused (connection refused).
func (s *Server) Close() { s.srv.Close() }

// Instructions implements voicetest.Fake: the newest system prompt seen.
func (s *Server) Instructions() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.instructions
}

// Context implements voicetest.Fake: every chat message text seen, in order.
func (s *Server) Context() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.context...)
}

// DropAll implements voicetest.Fake: every open connection is cut as a
// crash would cut it, so requests in flight fail; the server keeps running.
func (s *Server) DropAll() { s.srv.CloseClientConnections() }

// Requests is how many requests reached path (one of the Path constants).
func (s *Server) Requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

// Speech lists the speech requests seen.
func (s *Server) Speech() []SpeechRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SpeechRequest(nil), s.speech...)
}

// Transcriptions lists the transcription requests seen.
func (s *Server) Transcriptions() []Transcription {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Transcription(nil), s.transcripts...)
}

// Fail makes the next request to path answer status with OpenAI's error
// object carrying code ("" for none). Calls queue up.
func (s *Server) Fail(path string, status int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[path] = append(s.failures[path], failure{status, code})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	s.mu.Unlock()
	if s.opts.Key != "" && r.Header.Get("Authorization") != "Bearer "+s.opts.Key {
		writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key",
			"Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.")
		return
	}
	s.mu.Lock()
	var fail *failure
	if q := s.failures[r.URL.Path]; len(q) > 0 {
		fail, s.failures[r.URL.Path] = &q[0], q[1:]
	}
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "", "Method not allowed")
		return
	}
	if fail != nil {
		typ := "invalid_request_error"
		if fail.status >= 500 {
			typ = "server_error"
		}
		writeError(w, fail.status, typ, fail.code, fmt.Sprintf("scripted failure %d %s", fail.status, fail.code))
		return
	}
	switch r.URL.Path {
	case PathTranscriptions:
		s.transcribe(w, r)
	case PathSpeech:
		s.synthesize(w, r)
	case PathChat:
		s.chat(w, r)
	default:
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path))
	}
}

func (s *Server) transcribe(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "Could not parse multipart form: "+err.Error())
		return
	}
	model, format := r.FormValue("model"), r.FormValue("response_format")
	if model == "" {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "you must provide a model parameter")
		return
	}
	if format == "" {
		format = "json"
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "you must provide a file parameter")
		return
	}
	data, _ := io.ReadAll(f)
	f.Close()
	audio, rate, err := pcm.ParseWAV(data)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "Invalid file format. "+err.Error())
		return
	}
	text := ""
	// Silence transcribes to nothing and does not use up the script.
	if pcm.RMS(audio) >= 0.01 {
		text = s.brain.Transcribe()
	}
	dur := time.Duration(len(audio)/2) * time.Second / time.Duration(rate)
	s.mu.Lock()
	s.transcripts = append(s.transcripts, Transcription{Model: model, ResponseFormat: format, Filename: hdr.Filename, Rate: rate, Duration: dur, Text: text})
	s.mu.Unlock()
	switch format {
	case "json":
		writeJSON(w, map[string]any{"text": text, "usage": map[string]any{"type": "duration", "seconds": math.Ceil(dur.Seconds())}})
	case "verbose_json":
		writeJSON(w, map[string]any{"task": "transcribe", "language": "english", "duration": dur.Seconds(), "text": text, "segments": []any{}})
	case "text":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, text)
	default:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "response_format "+format+" is not supported by this server")
	}
}

func (s *Server) synthesize(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Model          string   `json:"model"`
		Input          string   `json:"input"`
		Voice          string   `json:"voice"`
		ResponseFormat string   `json:"response_format"`
		Speed          *float64 `json:"speed"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	}
	req := SpeechRequest{Model: body.Model, Input: body.Input, Voice: body.Voice, ResponseFormat: body.ResponseFormat, Speed: 1}
	if body.Speed != nil {
		req.Speed = *body.Speed
	}
	if req.ResponseFormat == "" {
		req.ResponseFormat = "mp3" // OpenAI's default
	}
	s.mu.Lock()
	s.speech = append(s.speech, req)
	s.mu.Unlock()
	switch {
	case req.Model == "":
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "you must provide a model parameter")
		return
	case strings.TrimSpace(req.Input) == "":
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "input must not be empty")
		return
	case req.Voice == "":
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "you must provide a voice parameter")
		return
	}
	audio := voicetest.Speech(req.Input)
	rate := voicetest.OutputRate
	var head []byte
	switch req.ResponseFormat {
	case "pcm":
		w.Header().Set("Content-Type", "audio/pcm")
	case "wav":
		w.Header().Set("Content-Type", "audio/wav")
		rate = s.opts.WAVRate
		audio = pcm.Resample(audio, voicetest.OutputRate, rate)
		wav := pcm.WAV(audio, rate)
		head = wav[:len(wav)-len(audio)]
	default:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "response_format "+req.ResponseFormat+" is not supported by this fake (use pcm or wav)")
		return
	}
	w.WriteHeader(http.StatusOK)
	w.Write(head)
	// Stream as a streaming TTS server does: 100 ms pieces, paced.
	piece := 2 * rate / 10
	gap := time.Duration(float64(100*time.Millisecond) / s.opts.Pace)
	for len(audio) > 0 {
		k := min(piece, len(audio))
		if _, err := w.Write(audio[:k]); err != nil {
			return
		}
		w.(http.Flusher).Flush()
		audio = audio[k:]
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-time.After(gap):
		}
	}
}

// chatRequest is the part of a Chat Completions body the fake reads.
type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
	Stream        bool `json:"stream"`
	StreamOptions *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	var body chatRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	}
	var system []string
	var texts []string
	lastUser := ""
	chars := 0
	for _, m := range body.Messages {
		text := contentText(m.Content)
		chars += len(text)
		switch m.Role {
		case "system", "developer":
			system = append(system, text)
		default:
			texts = append(texts, text)
			if m.Role == "user" {
				lastUser = text
			}
		}
	}
	s.mu.Lock()
	if len(system) > 0 {
		s.instructions = strings.Join(system, "\n")
	}
	s.context = append(s.context, texts...)
	s.mu.Unlock()
	// Adapters merge neighbouring user turns with a blank line (a context
	// note, then the utterance): the newest paragraph is what was said.
	if i := strings.LastIndex(lastUser, "\n\n"); i >= 0 {
		lastUser = lastUser[i+2:]
	}
	answer := voicetest.Answer(lastUser)
	in, out := chars/4+1, len(answer)/4+1
	if !body.Stream {
		writeJSON(w, map[string]any{
			"id": "chatcmpl-speechfake", "object": "chat.completion", "created": 1735689600, "model": body.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "logprobs": nil,
				"message": map[string]any{"role": "assistant", "content": answer, "refusal": nil}}},
			"usage": map[string]any{"prompt_tokens": in, "completion_tokens": out, "total_tokens": in + out},
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	chunk := func(delta map[string]any, finish any) map[string]any {
		return map[string]any{"id": "chatcmpl-speechfake", "object": "chat.completion.chunk", "created": 1735689600, "model": body.Model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "logprobs": nil, "finish_reason": finish}}, "usage": nil}
	}
	writeEvent(w, chunk(map[string]any{"role": "assistant", "content": ""}, nil))
	words := strings.SplitAfter(answer, " ")
	for i := 0; i < len(words); i += 3 {
		writeEvent(w, chunk(map[string]any{"content": strings.Join(words[i:min(i+3, len(words))], "")}, nil))
	}
	writeEvent(w, chunk(map[string]any{}, "stop"))
	if body.StreamOptions != nil && body.StreamOptions.IncludeUsage {
		writeEvent(w, map[string]any{"id": "chatcmpl-speechfake", "object": "chat.completion.chunk", "created": 1735689600, "model": body.Model,
			"choices": []any{}, "usage": map[string]any{"prompt_tokens": in, "completion_tokens": out, "total_tokens": in + out}})
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// contentText reads a message's content: a string, or an array of text parts.
func contentText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct{ Type, Text string }
	_ = json.Unmarshal(raw, &parts)
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

func writeEvent(w http.ResponseWriter, v any) {
	data, _ := json.Marshal(v)
	fmt.Fprintf(w, "data: %s\n\n", data)
	w.(http.Flusher).Flush()
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes OpenAI's error object.
func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	e := map[string]any{"message": msg, "type": typ, "param": nil, "code": nil}
	if code != "" {
		e["code"] = code
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": e})
}
