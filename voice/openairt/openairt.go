// Package openairt connects interviews to OpenAI's Realtime API, the GA
// interface over WebSocket (the retired beta interface is refused by the
// server, so it is never spoken; its event names are still read). The
// protocol is described in /work/shared/reference/realtime-voice.md §1.
//
// A connection waits for session.created, configures the session with one
// session.update (24 kHz PCM both ways, input transcription, server VAD
// that answers and interrupts by itself, or none for push-to-talk), waits
// for session.updated and replays the conversation so far as text items.
// There is no session resumption: a dropped or expired session ends with a
// retryable error, and the caller reconnects with its history.
package openairt

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/voice"
)

// Defaults for Config.
const (
	DefaultBaseURL            = "wss://api.openai.com/v1"
	DefaultModel              = "gpt-realtime"
	DefaultVoice              = "marin"
	DefaultTranscriptionModel = "gpt-4o-mini-transcribe"
)

const (
	provider = "openai"
	rate     = 24000 // the only PCM rate the GA interface takes, both ways
	buffered = 256   // events waiting for the reader
)

// ErrClosed is returned by a connection's methods after Close.
var ErrClosed = errors.New("openairt: connection closed")

// Config configures a Provider; zero values take the defaults.
type Config struct {
	APIKey string
	// BaseURL is the API base: wss://, ws://, https:// or http:// (the
	// last two are dialled as wss and ws). The socket is BaseURL/realtime.
	BaseURL            string
	Model              string
	Voice              string // used when Setup.Voice is empty
	TranscriptionModel string // the candidate's speech is transcribed by this model
	HTTPClient         *http.Client
	Logger             *slog.Logger // benign provider errors, at debug level
}

// Provider opens connections to OpenAI Realtime.
type Provider struct{ cfg Config }

var _ voice.Provider = (*Provider)(nil)

// New returns a Provider for cfg.
func New(cfg Config) *Provider {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.Voice == "" {
		cfg.Voice = DefaultVoice
	}
	if cfg.TranscriptionModel == "" {
		cfg.TranscriptionModel = DefaultTranscriptionModel
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Provider{cfg: cfg}
}

// Name is "openai".
func (p *Provider) Name() string { return provider }

// Model is the model connections use.
func (p *Provider) Model() string { return p.cfg.Model }

// fatal are the error codes retrying cannot fix: the account, the key, the
// model or our own request is wrong.
var fatal = map[string]bool{
	"invalid_api_key": true, "insufficient_quota": true, "account_deactivated": true,
	"billing_hard_limit_reached": true, "beta_api_shape_disabled": true, "model_not_found": true,
	"unknown_parameter": true, "missing_required_parameter": true,
}

// benign are races every client runs into: a cancel after the answer
// ended, a second answer requested while one streams, a commit of a buffer
// the server VAD already committed.
var benign = map[string]bool{
	"response_cancel_not_active": true, "conversation_already_has_active_response": true,
	"input_audio_buffer_commit_empty": true,
}

// Connect opens a session and configures it. ctx bounds the handshake only.
func (p *Provider) Connect(ctx context.Context, s voice.Setup) (voice.Conn, error) {
	u, err := socketURL(p.cfg.BaseURL, p.cfg.Model)
	if err != nil {
		return nil, &voice.Error{Provider: provider, Code: "bad_base_url", Message: err.Error(), Fatal: true}
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+p.cfg.APIKey)
	if s.SessionID != "" {
		h.Set("OpenAI-Safety-Identifier", s.SessionID)
	}
	ws, resp, err := websocket.Dial(ctx, u, &websocket.DialOptions{HTTPClient: p.cfg.HTTPClient, HTTPHeader: h})
	if err != nil {
		return nil, dialError(resp, err)
	}
	// Events carry base64 audio and whole session objects.
	ws.SetReadLimit(-1)
	c := &conn{
		ws:      ws,
		log:     p.cfg.Logger,
		events:  make(chan voice.Event, buffered),
		done:    make(chan struct{}),
		answers: map[string]*answer{},
	}
	if err := c.handshake(ctx, p.cfg, s); err != nil {
		ws.CloseNow()
		return nil, err
	}
	go c.readLoop()
	return c, nil
}

func socketURL(base, model string) (string, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return "", err
	}
	switch u.Scheme {
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	case "ws", "wss":
	default:
		return "", fmt.Errorf("base URL %q: want ws, wss, http or https", base)
	}
	u.Path += "/realtime"
	u.RawQuery = url.Values{"model": {model}}.Encode()
	return u.String(), nil
}

// dialError classifies a refused upgrade: a refused key is fatal (the
// server may refuse it here, at the HTTP upgrade, or later with an error
// event), and so is a code the body names as fatal.
func dialError(resp *http.Response, err error) error {
	if resp == nil {
		return &voice.Error{Provider: provider, Code: "connect_failed", Message: err.Error()}
	}
	var body struct{ Error apiError }
	if resp.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		json.Unmarshal(b, &body)
	}
	e := body.Error.voiceError()
	if e.Code == "" {
		e.Code = "http_" + strconv.Itoa(resp.StatusCode)
	}
	if e.Message == "" {
		e.Message = err.Error()
	}
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		e.Code, e.Fatal = "invalid_api_key", true
	case http.StatusNotFound:
		e.Fatal = true // a wrong base URL or an unknown model: retrying cannot help
	}
	return e
}

// apiError is the error object of an error event or an HTTP error body.
type apiError struct {
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Param   string `json:"param"`
	EventID string `json:"event_id"`
}

func (a apiError) voiceError() *voice.Error {
	code := a.Code
	if code == "" {
		code = a.Type
	}
	return &voice.Error{Provider: provider, Code: code, Message: a.Message, Fatal: fatal[code] || fatal[a.Type]}
}

// serverEvent holds the fields of every server event the adapter reads.
type serverEvent struct {
	Type       string          `json:"type"`
	ItemID     string          `json:"item_id"`
	ResponseID string          `json:"response_id"`
	Delta      json.RawMessage `json:"delta"` // base64 audio or text, by Type
	Transcript string          `json:"transcript"`
	Item       *item           `json:"item"`
	Response   *response       `json:"response"`
	Error      *apiError       `json:"error"`
}

type item struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Role    string `json:"role"`
	Status  string `json:"status"`
	Content []struct {
		Type       string `json:"type"`
		Text       string `json:"text"`
		Transcript string `json:"transcript"`
	} `json:"content"`
}

func (it *item) isAnswer() bool { return it != nil && it.Type == "message" && it.Role == "assistant" }

func (it *item) text() string {
	for _, c := range it.Content {
		if c.Transcript != "" {
			return c.Transcript
		}
		if c.Text != "" {
			return c.Text
		}
	}
	return ""
}

type response struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	StatusDetails *struct {
		Reason string    `json:"reason"`
		Error  *apiError `json:"error"`
	} `json:"status_details"`
	Output []item `json:"output"`
	Usage  *struct {
		InputTokens       int `json:"input_tokens"`
		OutputTokens      int `json:"output_tokens"`
		InputTokenDetails struct {
			CachedTokens int `json:"cached_tokens"`
		} `json:"input_token_details"`
	} `json:"usage"`
}

// Client events. turn_detection has no omitempty: null turns the VAD off.
type (
	sessionUpdate struct {
		Type    string        `json:"type"`
		EventID string        `json:"event_id,omitempty"`
		Session sessionConfig `json:"session"`
	}
	sessionConfig struct {
		Type             string       `json:"type"`
		OutputModalities []string     `json:"output_modalities,omitempty"`
		Instructions     *string      `json:"instructions,omitempty"`
		Audio            *audioConfig `json:"audio,omitempty"`
	}
	audioConfig struct {
		Input  audioInput  `json:"input"`
		Output audioOutput `json:"output"`
	}
	audioInput struct {
		Format        audioFormat    `json:"format"`
		Transcription *transcription `json:"transcription"`
		TurnDetection *turnDetection `json:"turn_detection"`
	}
	audioOutput struct {
		Format audioFormat `json:"format"`
		Voice  string      `json:"voice"`
	}
	audioFormat struct {
		Type string `json:"type"`
		Rate int    `json:"rate"`
	}
	transcription struct {
		Model string `json:"model"`
	}
	turnDetection struct {
		Type              string `json:"type"`
		CreateResponse    bool   `json:"create_response"`
		InterruptResponse bool   `json:"interrupt_response"`
	}
	itemCreate struct {
		Type string    `json:"type"`
		Item itemBuild `json:"item"`
	}
	itemBuild struct {
		Type    string        `json:"type"`
		Role    string        `json:"role"`
		Content []contentPart `json:"content"`
	}
	contentPart struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	truncate struct {
		Type         string `json:"type"`
		ItemID       string `json:"item_id"`
		ContentIndex int    `json:"content_index"`
		AudioEndMS   int64  `json:"audio_end_ms"`
	}
)

// lineItem is a conversation.item.create for a line of the transcript.
func lineItem(l voice.Line) itemCreate {
	role, part := "system", "input_text"
	switch l.Speaker {
	case voice.SpeakerCandidate:
		role = "user"
	case voice.SpeakerInterviewer:
		role, part = "assistant", "output_text"
	}
	return itemCreate{Type: "conversation.item.create",
		Item: itemBuild{Type: "message", Role: role, Content: []contentPart{{Type: part, Text: l.Text}}}}
}

// conn is one open session. One read loop emits every event; writes are
// serialized by wmu; mu guards the answer bookkeeping the two share.
type conn struct {
	ws     *websocket.Conn
	log    *slog.Logger
	events chan voice.Event
	done   chan struct{} // closed by Close: a blocked emit gives up

	closed atomic.Bool
	sent   atomic.Int64 // candidate audio bytes since the last Usage

	wmu  sync.Mutex
	abuf []byte // an append being built

	mu         sync.Mutex
	err        error
	respActive bool // between response.created and response.done
	respAudio  int  // audio bytes of the response in progress
	current    string
	answers    map[string]*answer
	pending    []voice.Event // Interrupt's AnswerDone, emitted by the read loop
}

// answer is one assistant item as it streams.
type answer struct {
	resp      string
	audio     int // bytes received
	text      strings.Builder
	cut       bool // interrupted: the rest of its audio and text is dropped
	truncated bool // a truncate was sent
	done      bool // its AnswerDone was emitted
	complete  bool // its response ended
}

var _ voice.Conn = (*conn)(nil)

func (c *conn) Format() voice.Format { return voice.Format{InputRate: rate, OutputRate: rate} }

// handshake is sequence A: session.created, session.update, session.updated;
// then the history is replayed.
func (c *conn) handshake(ctx context.Context, cfg Config, s voice.Setup) error {
	if _, err := c.await(ctx, "session.created"); err != nil {
		return err
	}
	v := s.Voice
	if v == "" {
		v = cfg.Voice
	}
	var td *turnDetection
	if !s.PushToTalk {
		td = &turnDetection{Type: "server_vad", CreateResponse: true, InterruptResponse: true}
	}
	instr := s.Instructions
	up := sessionUpdate{Type: "session.update", EventID: "setup", Session: sessionConfig{
		Type: "realtime", OutputModalities: []string{"audio"}, Instructions: &instr,
		Audio: &audioConfig{
			Input: audioInput{Format: audioFormat{"audio/pcm", rate},
				Transcription: &transcription{cfg.TranscriptionModel}, TurnDetection: td},
			Output: audioOutput{Format: audioFormat{"audio/pcm", rate}, Voice: v},
		}}}
	if err := c.send(up); err != nil {
		return err
	}
	if _, err := c.await(ctx, "session.updated"); err != nil {
		return err
	}
	for _, l := range s.History {
		if strings.TrimSpace(l.Text) == "" {
			continue
		}
		if err := c.send(lineItem(l)); err != nil {
			return err
		}
	}
	return nil
}

// await reads until an event of type want; an error event or a close
// before it fails the handshake.
func (c *conn) await(ctx context.Context, want string) (*serverEvent, error) {
	for {
		_, msg, err := c.ws.Read(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, &voice.Error{Provider: provider, Code: "handshake_timeout", Message: "waiting for " + want + ": " + ctx.Err().Error()}
			}
			return nil, readError(err)
		}
		var ev serverEvent
		if json.Unmarshal(msg, &ev) != nil {
			continue
		}
		switch ev.Type {
		case want:
			return &ev, nil
		case "error":
			if ev.Error == nil {
				ev.Error = &apiError{Code: "unknown_error"}
			}
			return nil, ev.Error.voiceError()
		}
	}
}

// readError says why a socket ended. Close 4000 is the retired beta
// interface; 1001 with "maximum duration" is the session limit; a socket
// that drops without a close frame is worth a retry.
func readError(err error) *voice.Error {
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		switch {
		case ce.Code == 4000:
			return &voice.Error{Provider: provider, Code: "beta_api_shape_disabled", Message: "closed 4000: " + ce.Reason, Fatal: true}
		case ce.Code == websocket.StatusGoingAway && strings.Contains(ce.Reason, "maximum duration"):
			return &voice.Error{Provider: provider, Code: "session_expired", Message: ce.Reason}
		}
		return &voice.Error{Provider: provider, Code: strconv.Itoa(int(ce.Code)), Message: "closed: " + ce.Reason}
	}
	return &voice.Error{Provider: provider, Code: "connection_lost", Message: err.Error()}
}

func (c *conn) readLoop() {
	var buf bytes.Buffer
	var end error
	for {
		typ, r, err := c.ws.Reader(context.Background())
		if err == nil {
			buf.Reset()
			_, err = buf.ReadFrom(r)
		}
		if err != nil {
			end = readError(err)
			break
		}
		if typ != websocket.MessageText {
			continue
		}
		evs, stop := c.handle(buf.Bytes())
		if !c.emit(evs) {
			break
		}
		if stop != nil {
			end = stop
			break
		}
	}
	c.mu.Lock()
	pending := c.pending
	c.pending = nil
	c.mu.Unlock()
	c.emit(pending)
	c.mu.Lock()
	if !c.closed.Load() {
		c.err = end
	}
	c.mu.Unlock()
	close(c.events)
	c.ws.Close(websocket.StatusNormalClosure, "")
}

// emit delivers events in order; it gives up only when the connection is closed.
func (c *conn) emit(evs []voice.Event) bool {
	for _, e := range evs {
		select {
		case c.events <- e:
		case <-c.done:
			return false
		}
	}
	return true
}

// handle maps one server event to voice events; a non-nil error ends the
// connection.
func (c *conn) handle(msg []byte) ([]voice.Event, error) {
	var ev serverEvent
	if err := json.Unmarshal(msg, &ev); err != nil {
		c.log.Debug("openairt: unreadable event", "err", err)
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// Cut answers go out before anything the server sent after the cut.
	out := c.pending
	c.pending = nil
	switch ev.Type {
	case "input_audio_buffer.speech_started":
		out = append(out, voice.Event{Kind: voice.SpeechStarted, ItemID: ev.ItemID})
	case "input_audio_buffer.speech_stopped":
		out = append(out, voice.Event{Kind: voice.SpeechStopped, ItemID: ev.ItemID})
	case "conversation.item.input_audio_transcription.completed":
		out = append(out, voice.Event{Kind: voice.CandidateText, ItemID: ev.ItemID, Text: ev.Transcript})
	case "conversation.item.input_audio_transcription.failed":
		if ev.Error != nil {
			e := ev.Error.voiceError()
			e.Fatal = false
			out = append(out, voice.Event{Kind: voice.Warning, ItemID: ev.ItemID, Err: e})
		}
	case "response.created":
		c.respActive, c.respAudio = true, 0
	case "response.output_item.added", "conversation.item.added", "conversation.item.created":
		// The GA server announces an answer with output_item.added; an
		// in-progress assistant item seen any other way counts too.
		if ev.Item.isAnswer() && (ev.Type == "response.output_item.added" || ev.Item.Status == "in_progress") {
			out = c.start(out, ev.Item.ID, ev.ResponseID)
		}
	case "response.output_audio.delta", "response.audio.delta":
		pcm := decodeAudio(ev.Delta)
		c.respAudio += len(pcm)
		out = c.start(out, ev.ItemID, ev.ResponseID)
		if a := c.answers[ev.ItemID]; !a.cut && !a.done {
			a.audio += len(pcm)
			out = append(out, voice.Event{Kind: voice.Audio, ItemID: ev.ItemID, Audio: pcm})
		}
	case "response.output_audio_transcript.delta", "response.audio_transcript.delta", "response.output_text.delta", "response.text.delta":
		var d string
		json.Unmarshal(ev.Delta, &d)
		out = c.start(out, ev.ItemID, ev.ResponseID)
		if a := c.answers[ev.ItemID]; !a.cut && !a.done && d != "" {
			a.text.WriteString(d)
			out = append(out, voice.Event{Kind: voice.AnswerDelta, ItemID: ev.ItemID, Text: d})
		}
	case "response.done":
		out = c.responseDone(out, ev.Response)
	case "error":
		if ev.Error == nil {
			return out, nil
		}
		e := ev.Error.voiceError()
		switch {
		case benign[e.Code]:
			c.log.Debug("openairt: benign error", "code", e.Code, "message", e.Message)
		case e.Fatal, e.Code == "session_expired":
			return out, e
		default:
			out = append(out, voice.Event{Kind: voice.Warning, Err: e})
		}
	}
	return out, nil
}

// start notes an answer the first time it is seen.
func (c *conn) start(out []voice.Event, id, resp string) []voice.Event {
	if _, ok := c.answers[id]; ok {
		return out
	}
	// Keep only what Interrupt may still need: the newest answer and unfinished ones.
	for k, a := range c.answers {
		if a.done && a.complete {
			delete(c.answers, k)
		}
	}
	c.answers[id] = &answer{resp: resp}
	c.current = id
	return append(out, voice.Event{Kind: voice.AnswerStarted, ItemID: id})
}

// responseDone ends the response's answers (each gets exactly one
// AnswerDone) and meters it.
func (c *conn) responseDone(out []voice.Event, r *response) []voice.Event {
	c.respActive = false
	if r == nil {
		r = &response{}
	}
	cut := r.Status == "cancelled" || r.Status == "incomplete" || r.Status == "failed"
	if r.Status == "failed" && r.StatusDetails != nil && r.StatusDetails.Error != nil {
		e := r.StatusDetails.Error.voiceError()
		e.Fatal = false
		out = append(out, voice.Event{Kind: voice.Warning, Err: e})
	}
	finish := func(id string, it *item) {
		out = c.start(out, id, r.ID)
		a := c.answers[id]
		a.complete = true
		if a.done {
			return
		}
		a.done = true
		text := a.text.String()
		if it != nil && it.text() != "" {
			text = it.text()
		}
		itemCut := cut || a.cut || a.truncated || (it != nil && it.Status == "incomplete")
		out = append(out, voice.Event{Kind: voice.AnswerDone, ItemID: id, Text: text, Cut: itemCut})
	}
	for i := range r.Output {
		if it := &r.Output[i]; it.isAnswer() {
			finish(it.ID, it)
		}
	}
	for id, a := range c.answers {
		if a.resp == r.ID && !a.done {
			finish(id, nil)
		}
	}
	m := voice.Metering{AudioIn: duration(c.sent.Swap(0)), AudioOut: duration(int64(c.respAudio))}
	c.respAudio = 0
	if u := r.Usage; u != nil {
		m.InputTokens, m.OutputTokens, m.CachedTokens = u.InputTokens, u.OutputTokens, u.InputTokenDetails.CachedTokens
	}
	return append(out, voice.Event{Kind: voice.Usage, Usage: m})
}

// duration is how long n bytes of PCM16 last at the connection's rate.
func duration(n int64) time.Duration { return time.Duration(n/2) * time.Second / rate }

// decodeAudio decodes a base64 delta without an intermediate string.
func decodeAudio(raw json.RawMessage) []byte {
	if len(raw) >= 2 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		src := raw[1 : len(raw)-1]
		pcm := make([]byte, base64.StdEncoding.DecodedLen(len(src)))
		n, err := base64.StdEncoding.Decode(pcm, src)
		if err == nil {
			return pcm[:n]
		}
	}
	var pcm []byte
	json.Unmarshal(raw, &pcm)
	return pcm
}

// send writes one client event.
func (c *conn) send(vs ...any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	for _, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := c.write(b); err != nil {
			return err
		}
	}
	return nil
}

// write sends one frame; the caller holds wmu. No deadline: Close and the
// end of the read loop close the socket, which unblocks it.
func (c *conn) write(b []byte) error {
	if c.closed.Load() {
		return ErrClosed
	}
	if err := c.ws.Write(context.Background(), websocket.MessageText, b); err != nil {
		if e := c.Err(); e != nil {
			return e
		}
		if c.closed.Load() {
			return ErrClosed
		}
		return readError(err)
	}
	return nil
}

type simple struct {
	Type string `json:"type"`
}

// SendAudio appends candidate audio, built by hand: it is most of what a
// connection sends.
func (c *conn) SendAudio(pcm []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	b := append(c.abuf[:0], `{"type":"input_audio_buffer.append","audio":"`...)
	b = base64.StdEncoding.AppendEncode(b, pcm)
	b = append(b, `"}`...)
	c.abuf = b
	if err := c.write(b); err != nil {
		return err
	}
	c.sent.Add(int64(len(pcm)))
	return nil
}

// Commit ends the turn and asks for an answer. A commit of an empty buffer
// (the server VAD got there first) is refused by the server and ignored here.
func (c *conn) Commit() error {
	return c.send(simple{"input_audio_buffer.commit"}, simple{"response.create"})
}

// Interrupt cancels the answer in progress and cuts the current answer's
// audio at what the candidate heard (never past what arrived), so the
// model's context holds only what was heard.
func (c *conn) Interrupt(heard time.Duration) error {
	if c.closed.Load() {
		return ErrClosed
	}
	var msgs []any
	c.mu.Lock()
	if c.respActive {
		msgs = append(msgs, simple{"response.cancel"})
	}
	if a := c.answers[c.current]; a != nil && !a.truncated {
		got := duration(int64(a.audio))
		// An answer that arrived whole and was heard whole has nothing to cut.
		if !(a.complete && heard >= got) {
			a.truncated = true
			end := min(max(heard, 0), got)
			msgs = append(msgs, truncate{Type: "conversation.item.truncate", ItemID: c.current, AudioEndMS: end.Milliseconds()})
		}
		a.cut = true
		if !a.done {
			// The truncate's reply makes the read loop emit this promptly.
			a.done = true
			c.pending = append(c.pending, voice.Event{Kind: voice.AnswerDone, ItemID: c.current, Text: a.text.String(), Cut: true})
		}
	}
	c.mu.Unlock()
	return c.send(msgs...)
}

// Instruct replaces the session's instructions.
func (c *conn) Instruct(instructions string) error {
	return c.send(sessionUpdate{Type: "session.update", Session: sessionConfig{Type: "realtime", Instructions: &instructions}})
}

// Note adds a system line to the conversation; it asks for no answer.
func (c *conn) Note(l voice.Line) error {
	text := l.Text
	if l.Speaker != "" && l.Speaker != voice.SpeakerSystem {
		text = l.Speaker + ": " + text
	}
	return c.send(lineItem(voice.Line{Speaker: voice.SpeakerSystem, Text: text}))
}

func (c *conn) Events() <-chan voice.Event { return c.events }

func (c *conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close ends the session; Err stays nil.
func (c *conn) Close() error {
	if !c.closed.CompareAndSwap(false, true) {
		return nil
	}
	close(c.done)
	c.ws.Close(websocket.StatusNormalClosure, "")
	return nil
}
