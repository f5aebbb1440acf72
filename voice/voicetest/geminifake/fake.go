// Package geminifake is a loopback Gemini Live server for tests and
// benchmarks. It speaks BidiGenerateContent over WebSocket as the Live API
// reference describes it: setup first, server JSON in binary frames,
// realtimeInput audio under server VAD or manual activity signals,
// clientContent, transcriptions, interrupted, usageMetadata, goAway and
// session resumption. It answers through the voicetest brain, so the
// Gemini adapter passes the same conformance suite as the others.
//
// Choices where the real service is unverified, documented so tests can
// rely on them:
//   - A missing or wrong API key is refused after the upgrade: the fake
//     reads the setup, then closes 1008 "API key not valid. Please pass a
//     valid API key." Reading the setup first makes the refusal a close
//     frame the client always reads (never a write on a dead socket).
//   - An unknown model is closed 1008, a first message that is not setup
//     (or any malformed message) 1007, an unknown resumption handle 1007.
//   - Speech starts after prefixPaddingMs of it (20 ms when the setup
//     gives none) and ends after silenceDurationMs (500 ms).
//   - Only clientContent with turnComplete true interrupts an answer (the
//     3.1/3.8 model pages); notes with turnComplete false do not.
//   - The answer is streamed Pace times faster than real time and the turn
//     completes when streaming ends (no wait for playback).
//   - A resumption handle is offered after setupComplete, after each
//     turnComplete and after client content, never while an answer streams.
//
// One Server can carry hundreds of sessions: a connection costs a reader
// goroutine, and an answer one more while it streams.
package geminifake

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice/voicetest"
)

// DefaultKey is the API key a Server accepts when Options.Key is empty.
const DefaultKey = "fake-gemini-key"

// InstructionsPrefix marks a user clientContent text as an instruction
// update: the adapter sends new instructions this way because the setup
// cannot change on an open connection. Instructions() includes them.
const InstructionsPrefix = "[Interviewer instructions updated]"

// Options configure a Server; zero values take the defaults.
type Options struct {
	Key string // the accepted API key (DefaultKey)
	// Models lists accepted setup.model names ("models/gemini-3.8-live").
	// Empty: "models/gemini-3.8-live" and any "models/gemini-*live*".
	Models []string
	Script []string // utterance n of a session is transcribed as Script[n-1]
	// Pace is how many times faster than real time answer audio is sent (4).
	Pace float64
	// Latency delays an answer's first audio (0).
	Latency time.Duration
	// TextFrames sends server messages as text frames; the real service
	// sends binary ones.
	TextFrames bool
	// Lifetime, when set, bounds each connection: goAway with timeLeft
	// min(1 s, Lifetime/2) before it ends, then a close (1001).
	Lifetime time.Duration
	// VoiceActivity sends voiceActivity ACTIVITY_START/END at the VAD's
	// transitions (the type exists; its use on the Developer API is
	// unverified, so it is off by default).
	VoiceActivity bool
	// NoResumption never sends sessionResumptionUpdate, as a server
	// without resumption would.
	NoResumption bool
}

var _ voicetest.Fake = (*Server)(nil)

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	opts Options
	ts   *httptest.Server

	mu          sync.Mutex
	conns       map[*conn]struct{}
	total       int
	context     []string
	instr       string
	handles     map[string]*session
	nextHandle  int
	resumptions []string
	refuseCode  websocket.StatusCode
	refuseWhy   string
}

// New starts a Server on loopback; Close stops it.
func New(opts Options) *Server {
	if opts.Key == "" {
		opts.Key = DefaultKey
	}
	if opts.Pace <= 0 {
		opts.Pace = 4
	}
	s := &Server{opts: opts, conns: map[*conn]struct{}{}, handles: map[string]*session{}}
	mux := http.NewServeMux()
	for _, v := range []string{"v1beta", "v1alpha"} {
		mux.HandleFunc("GET /ws/google.ai.generativelanguage."+v+".GenerativeService.BidiGenerateContent", s.serve)
	}
	s.ts = httptest.NewServer(mux)
	return s
}

// URL is the base URL for the client ("ws://127.0.0.1:PORT/"), as
// genai.HTTPOptions.BaseURL takes it.
func (s *Server) URL() string { return "ws" + strings.TrimPrefix(s.ts.URL, "http") + "/" }

// Key is the API key the Server accepts.
func (s *Server) Key() string { return s.opts.Key }

// Close drops every connection and stops the server.
func (s *Server) Close() {
	s.DropAll()
	s.ts.Close()
}

// Instructions is the newest instruction text a session works under: its
// systemInstruction followed by the instruction updates it received.
func (s *Server) Instructions() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.instr
}

// Context lists the texts of every clientContent turn received, in order.
func (s *Server) Context() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.context...)
}

// Connections is how many WebSocket connections the Server has accepted.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Open is how many connections are open now.
func (s *Server) Open() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Resumptions lists the handles clients resumed with, in order.
func (s *Server) Resumptions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.resumptions...)
}

// DropAll cuts every connection without a close frame, as a crash would,
// and forgets every resumption handle (a crashed server loses its state).
func (s *Server) DropAll() {
	s.mu.Lock()
	conns := s.list()
	s.handles = map[string]*session{}
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.CloseNow()
	}
}

// CloseAll closes every connection with code and reason (1011 "Internal
// error encountered.", say). Handles stay valid.
func (s *Server) CloseAll(code int, reason string) {
	s.mu.Lock()
	conns := s.list()
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(websocket.StatusCode(code), reason)
	}
}

// Refuse makes the Server close every new connection after its setup with
// code and reason, until Refuse(0, "").
func (s *Server) Refuse(code int, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuseCode, s.refuseWhy = websocket.StatusCode(code), reason
}

func (s *Server) list() []*conn {
	out := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		out = append(out, c)
	}
	return out
}

func (s *Server) modelOK(model string) bool {
	if len(s.opts.Models) > 0 {
		for _, m := range s.opts.Models {
			if m == model {
				return true
			}
		}
		return false
	}
	return model == "models/gemini-3.8-live" ||
		strings.HasPrefix(model, "models/gemini-") && strings.Contains(model, "live")
}

// remember stores a snapshot of st and returns its handle.
func (s *Server) remember(st *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextHandle++
	h := fmt.Sprintf("fake-handle-%d", s.nextHandle)
	s.handles[h] = st.snapshot()
	return h
}

func (s *Server) restore(handle string) (*session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.handles[handle]
	if ok {
		s.resumptions = append(s.resumptions, handle)
		return st.snapshot(), true
	}
	return nil, false
}

func (s *Server) record(text string) {
	s.mu.Lock()
	s.context = append(s.context, text)
	s.mu.Unlock()
}

func (s *Server) setInstructions(st *session) {
	s.mu.Lock()
	s.instr = st.instructions()
	s.mu.Unlock()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("x-goog-api-key")
	if key == "" {
		key = r.URL.Query().Get("key")
	}
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	ws.SetReadLimit(16 << 20)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &conn{srv: s, ws: ws, ctx: ctx, keyOK: key == s.opts.Key, typ: websocket.MessageBinary}
	if s.opts.TextFrames {
		c.typ = websocket.MessageText
	}
	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.total++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}()
	c.run()
}
