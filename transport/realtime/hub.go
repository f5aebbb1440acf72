package realtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/voice/relay"
)

// Config tunes the hub; zero values take the defaults.
type Config struct {
	PingEvery      time.Duration // 15 s
	PingTimeout    time.Duration // 10 s: a peer that does not answer is dropped
	TimerEvery     time.Duration // 5 s
	WriteTimeout   time.Duration // 10 s
	SendBuffer     int           // frames queued per connection before it counts as slow (64)
	MessagesPerSec float64       // inbound frames a second per connection (20)
	Burst          int           // inbound burst (60)
	// MaxSockets bounds the open sockets of one interview session on this
	// instance (4); one more is refused with 4005. It is per instance: a
	// cluster-wide count would need a Redis counter that an instance dying
	// with sockets open leaves wrong.
	MaxSockets     int
	OriginPatterns []string // extra origins allowed to open a socket
	// Fanout carries notices and sign-outs to the other instances (nil:
	// this process only, a MemoryFanout).
	Fanout Fanout
}

func (c *Config) defaults() {
	if c.PingEvery <= 0 {
		c.PingEvery = 15 * time.Second
	}
	if c.PingTimeout <= 0 {
		c.PingTimeout = 10 * time.Second
	}
	if c.TimerEvery <= 0 {
		c.TimerEvery = 5 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 10 * time.Second
	}
	if c.SendBuffer <= 0 {
		c.SendBuffer = 64
	}
	if c.MessagesPerSec <= 0 {
		c.MessagesPerSec = 20
	}
	if c.Burst <= 0 {
		c.Burst = 60
	}
	if c.MaxSockets <= 0 {
		c.MaxSockets = 4
	}
	if c.Fanout == nil {
		c.Fanout = NewMemoryFanout()
	}
}

// Hub holds every open interview room and fans server events out to them.
type Hub struct {
	svc    *interview.Service
	tokens *Tokens
	log    *slog.Logger
	clock  mockroom.Clock
	cfg    Config

	mu           sync.Mutex
	rooms        map[string]map[*conn]struct{}
	closing      bool
	wg           sync.WaitGroup
	observations Observations
	voice        *relay.Relay
	lastFanErr   time.Time // the last fan-out failure logged
}

// SetVoice connects the voice relay (nil: voice.start answers voice_unavailable).
func (h *Hub) SetVoice(r *relay.Relay) {
	h.mu.Lock()
	h.voice = r
	h.mu.Unlock()
}

func (h *Hub) relay() *relay.Relay {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.voice
}

var _ interview.Notifier = (*Hub)(nil)

// Observations gives the code observer's latest finding on a session (the
// observer service), so that a room that (re)joins shows its markers at
// once instead of after the next pause.
type Observations interface {
	Latest(sessionID string) *interview.Observation
}

// SetObservations connects the code observer (built after the hub).
func (h *Hub) SetObservations(o Observations) {
	h.mu.Lock()
	h.observations = o
	h.mu.Unlock()
}

// NewHub returns a hub serving svc's sessions.
func NewHub(svc *interview.Service, tokens *Tokens, log *slog.Logger, clock mockroom.Clock, cfg Config) *Hub {
	cfg.defaults()
	h := &Hub{svc: svc, tokens: tokens, log: log, clock: clock, cfg: cfg, rooms: map[string]map[*conn]struct{}{}}
	cfg.Fanout.Listen(h.receive)
	svc.SetNotifier(h)
	return h
}

// Connections reports how many sockets are open.
func (h *Hub) Connections() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, r := range h.rooms {
		n += len(r)
	}
	return n
}

// IssueToken checks that userID owns an active sessionID and returns a
// one-time token for the socket.
func (h *Hub) IssueToken(ctx context.Context, userID, sessionID string) (string, time.Duration, error) {
	sess, err := h.svc.Session(ctx, userID, sessionID)
	if err != nil {
		return "", 0, err
	}
	if sess.Status != interview.StatusActive {
		return "", 0, mockroom.Errorf(mockroom.KindConflict, "session_ended", "this interview has ended")
	}
	tok, ttl := h.tokens.Issue(userID, sessionID)
	return tok, ttl, nil
}

// ServeHTTP upgrades GET /ws. Refusals happen after the upgrade, with close
// code 4001, so that browsers can tell them apart from network failures.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	inQuery := strings.Contains(r.URL.RawQuery, tokenPrefix) || r.URL.Query().Has("token")
	token := tokenFromProtocols(r.Header.Values("Sec-WebSocket-Protocol"))
	// The HTTP server's read and write timeouts are deadlines on the
	// connection that would cut a healthy socket mid-interview; clear them
	// (net/http's Hijack does too today; this keeps it from being an
	// assumption): pings find dead peers, writes have their own timeout.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{Subprotocol}, OriginPatterns: h.cfg.OriginPatterns})
	if err != nil {
		return // Accept answered the request already
	}
	ws.SetReadLimit(MaxMessageBytes)
	refuse := func(why string) { ws.Close(CloseUnauthorized, why) }
	if inQuery {
		refuse("tokens in the query string are refused; send it in Sec-WebSocket-Protocol")
		return
	}
	if token == "" {
		refuse("missing token: request one from POST /api/realtime/token")
		return
	}
	h.mu.Lock()
	closing := h.closing
	h.mu.Unlock()
	if closing {
		ws.Close(CloseServerRestart, "server restarting; reconnect")
		return
	}
	claims, err := h.tokens.Redeem(r.Context(), token)
	if mockroom.IsKind(err, mockroom.KindUnavailable) {
		// The nonce could not be checked (Redis down): the token is neither
		// accepted unchecked nor used up; the client backs off and retries.
		h.fanoutFailed("checking a token's nonce", "", err)
		ws.Close(websocket.StatusTryAgainLater, "a shared service is unreachable; reconnect shortly")
		return
	}
	if err != nil {
		refuse("invalid, expired or reused token")
		return
	}
	ctx, cancel := context.WithCancel(mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: claims.UserID}))
	defer cancel()
	sess, err := h.svc.Session(ctx, claims.UserID, claims.SessionID)
	if err != nil {
		refuse("session not found")
		return
	}
	c := &conn{hub: h, ws: ws, ctx: ctx, cancel: cancel, userID: claims.UserID, sessionID: sess.ID, endsAt: h.svc.EndsAt(sess),
		send: make(chan outgoing, h.cfg.SendBuffer), audio: make(chan []byte, audioBuffer), tokens: float64(h.cfg.Burst), lastRefill: h.clock.Now()}
	if sess.Status != interview.StatusActive {
		c.push(SessionEnded{Type: TypeSessionEnded, SessionID: sess.ID, Status: sess.Status, Reason: "already_ended"})
		c.closeAfterFlush(CloseSessionEnded, "interview ended")
		c.writeLoop()
		return
	}
	if !h.add(c) {
		c.push(Error{Type: TypeError, Code: "too_many_sockets", Message: fmt.Sprintf("this interview is already open in %d tabs; close one and reload", h.cfg.MaxSockets)})
		c.closeAfterFlush(CloseTooManySockets, "too many open sockets for this interview")
		c.writeLoop()
		return
	}
	defer h.remove(c)
	h.join(c)
	defer h.cfg.Fanout.Leave(context.Background(), c.sessionID)
	h.svc.Touch(sess.ID)
	if r := h.relay(); r != nil {
		defer r.Detach(sess.ID, c)
	}
	c.run()
}

// add joins c to its session's room; a room at MaxSockets refuses it, so
// that one session cannot hold an unbounded number of goroutines and sockets.
func (h *Hub) add(c *conn) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.rooms[c.sessionID] == nil {
		h.rooms[c.sessionID] = map[*conn]struct{}{}
	}
	if len(h.rooms[c.sessionID]) >= h.cfg.MaxSockets {
		return false
	}
	h.rooms[c.sessionID][c] = struct{}{}
	h.wg.Add(1)
	return true
}

func (h *Hub) remove(c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r := h.rooms[c.sessionID]; r != nil {
		if _, ok := r[c]; ok {
			delete(r, c)
			h.wg.Done()
		}
		if len(r) == 0 {
			delete(h.rooms, c.sessionID)
		}
	}
}

// joinTimeout bounds the wait for the fan-out's subscription.
const joinTimeout = 5 * time.Second

// join subscribes this instance to the notices of c's session raised on
// other instances. A failure (Redis down) leaves the socket open: it still
// hears this instance's notices, and resumes from the store on reconnect.
func (h *Hub) join(c *conn) {
	ctx, cancel := context.WithTimeout(context.Background(), joinTimeout)
	defer cancel()
	if err := h.cfg.Fanout.Join(ctx, c.sessionID); err != nil {
		h.fanoutFailed("joining a session's notices", c.sessionID, err)
	}
}

// fanoutFailed logs a failure of shared state (the fan-out, the nonces),
// at most one every half minute.
func (h *Hub) fanoutFailed(what, sessionID string, err error) {
	now := h.clock.Now()
	h.mu.Lock()
	quiet := !h.lastFanErr.IsZero() && now.Sub(h.lastFanErr) < 30*time.Second
	if !quiet {
		h.lastFanErr = now
	}
	h.mu.Unlock()
	if !quiet {
		h.log.Warn("realtime shared state: "+what, "session_id", sessionID, "err", err)
	}
}

// publish hands m to the other instances.
func (h *Hub) publish(m Message) {
	if err := h.cfg.Fanout.Publish(context.Background(), m); err != nil {
		h.fanoutFailed("publishing", m.SessionID, err)
	}
}

// receive delivers another instance's message to this instance's rooms.
func (h *Hub) receive(m Message) {
	switch {
	case m.SignedOut != "":
		h.closeUser(m.SignedOut)
	case m.VoiceClaimed != "":
		if r := h.relay(); r != nil {
			r.Release(m.VoiceClaimed)
		}
	case m.Notice != nil && m.SessionID != "":
		h.deliver(m.SessionID, *m.Notice)
	}
}

func (h *Hub) room(sessionID string) []*conn {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*conn, 0, len(h.rooms[sessionID]))
	for c := range h.rooms[sessionID] {
		out = append(out, c)
	}
	return out
}

// CloseUser closes every open socket of userID (close code 4001), on this
// instance and, through the fan-out, on the others; it reports how many
// were open here. Sign-out calls it: a socket's token is checked only when
// it opens, so without this a room would outlive the sign-out.
func (h *Hub) CloseUser(userID string) int {
	n := h.closeUser(userID)
	h.publish(Message{SignedOut: userID})
	return n
}

func (h *Hub) closeUser(userID string) int {
	h.mu.Lock()
	var conns []*conn
	for _, r := range h.rooms {
		for c := range r {
			if c.userID == userID {
				conns = append(conns, c)
			}
		}
	}
	h.mu.Unlock()
	for _, c := range conns {
		c.closeAfterFlush(CloseUnauthorized, "signed out")
	}
	return len(conns)
}

// Notify turns an interview notice into frames for the session's rooms,
// on this instance and, through the fan-out, on the others.
func (h *Hub) Notify(sessionID string, n interview.Notice) {
	h.deliver(sessionID, n)
	h.publish(Message{SessionID: sessionID, Notice: &n})
}

// deliver turns a notice into frames for this instance's rooms of the
// session, and tells its voice relay.
func (h *Hub) deliver(sessionID string, n interview.Notice) {
	// A spoken interview hears about runs, findings and typed lines.
	if r := h.relay(); r != nil {
		r.Notify(sessionID, n)
	}
	conns := h.room(sessionID)
	if len(conns) == 0 {
		return
	}
	var frame any
	switch {
	case n.Transcript != nil:
		frame = Transcript{Type: TypeTranscript, Entry: TranscriptEntry{ID: n.Transcript.ID, Seq: n.Transcript.Seq, Speaker: n.Transcript.Speaker,
			Content: n.Transcript.Content, TimestampMS: n.Transcript.TimestampMS, Phase: n.Transcript.Phase(), Voice: relay.IsVoiceLine(n.Transcript)}}
	case n.Execution != nil:
		raw, _ := json.Marshal(n.Execution)
		frame = ExecutionResult{Type: TypeExecution, Mode: string(n.Execution.Mode), Report: raw}
	case n.Delta != nil:
		frame = InterviewerMessage{Type: TypeInterviewer, ReplyTo: n.Delta.ReplyTo, Text: n.Delta.Text, Final: n.Delta.Final}
	case n.Observation != nil:
		frame = Observation{Type: TypeObservation, Analysis: *n.Observation}
	case n.Queued != nil:
		frame = ExecutionQueued{Type: TypeQueued, Mode: string(n.Queued.Mode), Ahead: n.Queued.Ahead, Running: n.Queued.Running}
	case n.Ended != nil:
		for _, c := range conns {
			c.push(SessionEnded{Type: TypeSessionEnded, SessionID: sessionID, Status: n.Ended.Status, Reason: n.Reason})
			c.closeAfterFlush(CloseSessionEnded, "interview ended")
		}
		return
	default:
		return
	}
	for _, c := range conns {
		c.push(frame)
	}
}

// Shutdown tells every client to reconnect (to another instance, or to this
// one after the restart) and waits for the rooms to close.
func (h *Hub) Shutdown(ctx context.Context) {
	h.mu.Lock()
	h.closing = true
	var all []*conn
	for _, r := range h.rooms {
		for c := range r {
			all = append(all, c)
		}
	}
	h.mu.Unlock()
	for _, c := range all {
		c.closeAfterFlush(CloseServerRestart, "server restarting; reconnect")
	}
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		for _, c := range all {
			c.ws.CloseNow()
		}
	}
}

// outgoing is one queued frame, or (with closeCode set) the instruction to
// close once everything before it is written.
type outgoing struct {
	data        []byte
	binary      bool // interviewer audio
	closeCode   websocket.StatusCode
	closeReason string
}

// conn is one open interview room.
type conn struct {
	hub       *Hub
	ws        *websocket.Conn
	ctx       context.Context
	cancel    context.CancelFunc
	userID    string
	sessionID string
	endsAt    time.Time
	send      chan outgoing
	// audio queues the interviewer's voice apart from the JSON frames: a
	// model streams it faster than real time, and a burst of it must not
	// count as a slow client.
	audio chan []byte

	closeOnce sync.Once
	dropOnce  sync.Once
	closed    chan struct{}

	// inbound token bucket
	tokens     float64
	lastRefill time.Time
	refusals   int

	// inbound audio frames: their own bucket (a microphone sends 50 a second)
	audioTokens   float64
	audioRefill   time.Time
	lastAudioErr  string
	lastAudioErrT time.Time
}

func (c *conn) push(frame any) {
	data, err := json.Marshal(frame)
	if err != nil {
		return
	}
	c.enqueue(outgoing{data: data})
}

func (c *conn) enqueue(o outgoing) {
	select {
	case c.send <- o:
	default:
		// A client that cannot keep up is dropped rather than allowed to
		// hold up anyone else; it reconnects and resumes.
		// Once: every later push would otherwise start another closer.
		c.dropOnce.Do(func() {
			c.hub.log.Warn("realtime: dropping slow client", "session_id", c.sessionID)
			go func() { c.ws.Close(CloseSlowConsumer, "too slow; reconnect"); c.cancel() }()
		})
	}
}

func (c *conn) closeAfterFlush(code websocket.StatusCode, reason string) {
	c.closeOnce.Do(func() {
		select {
		case c.send <- outgoing{closeCode: code, closeReason: reason}:
		default:
			go func() { c.ws.Close(code, reason); c.cancel() }()
		}
	})
}

func (c *conn) writeLoop() {
	for {
		select {
		case <-c.ctx.Done():
			return
		case pcm := <-c.audio:
			wctx, cancel := context.WithTimeout(c.ctx, c.hub.cfg.WriteTimeout)
			err := c.ws.Write(wctx, websocket.MessageBinary, pcm)
			cancel()
			if err != nil {
				c.cancel()
				return
			}
		case o := <-c.send:
			if o.closeCode != 0 {
				c.ws.Close(o.closeCode, o.closeReason)
				c.cancel()
				return
			}
			wctx, cancel := context.WithTimeout(c.ctx, c.hub.cfg.WriteTimeout)
			err := c.ws.Write(wctx, websocket.MessageText, o.data)
			cancel()
			if err != nil {
				c.cancel()
				return
			}
		}
	}
}

func (c *conn) timer() Timer {
	now := c.hub.clock.Now()
	rem := c.endsAt.Sub(now).Milliseconds()
	if rem < 0 {
		rem = 0
	}
	return Timer{Type: TypeTimer, RemainingMS: rem, ServerTime: now.UnixMilli(), EndsAt: c.endsAt.UnixMilli()}
}

// tickLoop sends the timer, pings the peer and ends the interview when its
// time is up.
func (c *conn) tickLoop() {
	timer := time.NewTicker(c.hub.cfg.TimerEvery)
	ping := time.NewTicker(c.hub.cfg.PingEvery)
	defer timer.Stop()
	defer ping.Stop()
	for {
		select {
		case <-c.ctx.Done():
			return
		case <-timer.C:
			c.hub.svc.Touch(c.sessionID)
			t := c.timer()
			c.push(t)
			if t.RemainingMS == 0 {
				// The sweeper ends it too; whoever is first, the other is a no-op.
				if sess, err := c.hub.svc.Session(c.ctx, c.userID, c.sessionID); err == nil {
					c.hub.svc.ExpireIfDue(c.ctx, sess)
				}
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(c.ctx, c.hub.cfg.PingTimeout)
			err := c.ws.Ping(pctx)
			cancel()
			if err != nil {
				c.hub.log.Info("realtime: dropping a peer that stopped answering pings", "session_id", c.sessionID)
				c.ws.CloseNow()
				c.cancel()
				return
			}
		}
	}
}

func (c *conn) run() {
	defer c.cancel()
	go c.writeLoop()
	go c.tickLoop()
	c.push(c.timer())
	for {
		typ, data, err := c.ws.Read(c.ctx)
		if err != nil {
			if errors.Is(err, websocket.ErrMessageTooBig) {
				c.hub.log.Info("realtime: closed a connection for an oversized frame", "session_id", c.sessionID)
			}
			return
		}
		if typ == websocket.MessageBinary {
			c.handleAudio(data)
			continue
		}
		if !c.allow() {
			c.refusals++
			c.push(Error{Type: TypeError, Code: "rate_limited", Message: "too many messages; slow down"})
			if c.refusals > 200 {
				c.ws.Close(websocket.StatusPolicyViolation, "flooding")
				return
			}
			continue
		}
		// Go's JSON decoder would quietly turn invalid UTF-8 into U+FFFD and
		// the edit would be acknowledged altered: refuse it instead.
		if !utf8.Valid(data) {
			c.push(Error{Type: TypeError, Code: "invalid_payload", Message: "frames must be JSON text in UTF-8"})
			continue
		}
		// NUL cannot be stored (PostgreSQL text): refusing it here, with the
		// frame's seq, lets the client drop it instead of re-sending it forever.
		if field, ok := mockroom.NULInJSON(data); ok {
			c.fail(seqOf(data), "invalid_text", "field "+strconv.Quote(field)+" must not contain NUL (\\u0000) characters")
			continue
		}
		c.handle(data)
	}
}

// allow is the inbound token bucket.
func (c *conn) allow() bool {
	now := c.hub.clock.Now()
	c.tokens += now.Sub(c.lastRefill).Seconds() * c.hub.cfg.MessagesPerSec
	if max := float64(c.hub.cfg.Burst); c.tokens > max {
		c.tokens = max
	}
	c.lastRefill = now
	if c.tokens < 1 {
		return false
	}
	c.tokens--
	return true
}

// strict decodes one frame into v, refusing unknown fields and trailing data.
func strict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

// seqOf reads a frame's seq leniently, to name it in an error frame.
func seqOf(data []byte) int64 {
	var f struct {
		Seq int64 `json:"seq"`
	}
	json.Unmarshal(data, &f)
	return f.Seq
}

// badSeq refuses a seq that is not positive, or past MaxSeq: a seq near
// 2^63 made durable would leave no larger one for the client's next edit.
func (c *conn) badSeq(seq int64, frame string) bool {
	switch {
	case seq <= 0:
		c.fail(0, "invalid_payload", frame+" needs a positive seq")
	case seq > MaxSeq:
		c.fail(seq, "invalid_seq", "seq must be a positive integer no larger than 2^53-1 (Number.MAX_SAFE_INTEGER)")
	default:
		return false
	}
	return true
}

func (c *conn) fail(seq int64, code, msg string) {
	c.push(Error{Type: TypeError, Code: code, Message: msg, Seq: seq})
}

// failErr reports a service error; an ended session also closes the room.
func (c *conn) failErr(seq int64, err error) {
	e := mockroom.AsError(err)
	if e == nil || e.Kind == mockroom.KindInternal {
		c.hub.log.Error("realtime: handling a frame", "session_id", c.sessionID, "err", err)
		c.fail(seq, "internal", "something went wrong on our side; your change was not saved — it will be re-sent")
		return
	}
	c.fail(seq, e.Code, e.Message)
	if e.Code == "session_ended" {
		c.push(SessionEnded{Type: TypeSessionEnded, SessionID: c.sessionID, Status: interview.StatusCompleted, Reason: "time_up"})
		c.closeAfterFlush(CloseSessionEnded, "interview ended")
	}
}

func (c *conn) handle(data []byte) {
	var env Envelope
	if err := json.Unmarshal(data, &env); err != nil || env.Type == "" {
		c.fail(0, "invalid_payload", "frames must be JSON objects with a type")
		return
	}
	c.hub.svc.Touch(c.sessionID)
	bad := func(seq int64, msg string) { c.fail(seq, "invalid_payload", msg) }
	switch env.Type {
	case TypeCodeEdit:
		var m CodeEdit
		var has struct {
			Code *string `json:"code"`
		}
		if err := strict(data, &m); err != nil || json.Unmarshal(data, &has) != nil {
			bad(seqOf(data), "code_edit must be {type, seq, language, code}")
			return
		}
		if c.badSeq(m.Seq, "code_edit") {
			return
		}
		// A missing code is a broken client, not an emptied editor.
		if has.Code == nil {
			bad(m.Seq, "code_edit must carry code, the editor's full text")
			return
		}
		if len(m.Code) > MaxCodeBytes {
			c.fail(m.Seq, "code_too_large", "code is larger than 50 KiB; trim it to keep saving")
			return
		}
		if _, err := c.hub.svc.SaveCode(c.ctx, c.userID, c.sessionID, m.Code, m.Language, m.Seq, false); err != nil {
			c.failErr(m.Seq, err)
			return
		}
		c.push(Ack{Type: TypeAck, Seq: m.Seq})
	case TypeChatMessage:
		var m ChatMessage
		if err := strict(data, &m); err != nil {
			bad(seqOf(data), "chat_message must be {type, seq, text}")
			return
		}
		if c.badSeq(m.Seq, env.Type) {
			return
		}
		if utf8.RuneCountInString(m.Text) > MaxChatRunes {
			c.fail(m.Seq, "message_too_long", "a message can be at most 4000 characters")
			return
		}
		// Chat returns once the message is durable; the interviewer answers
		// on the session's reply worker, so this loop keeps reading meanwhile.
		if _, _, err := c.hub.svc.Chat(c.ctx, c.userID, c.sessionID, m.Text, m.Seq); err != nil {
			c.failErr(m.Seq, err)
			return
		}
		c.push(Ack{Type: TypeAck, Seq: m.Seq})
	case TypeHintRequest:
		var m HintRequest
		if err := strict(data, &m); err != nil {
			bad(seqOf(data), "hint_request must be {type, seq}")
			return
		}
		if c.badSeq(m.Seq, env.Type) {
			return
		}
		if _, _, _, err := c.hub.svc.Hint(c.ctx, c.userID, c.sessionID, m.Seq); err != nil {
			c.failErr(m.Seq, err)
			return
		}
		c.push(Ack{Type: TypeAck, Seq: m.Seq})
	case TypeResume:
		var m Resume
		if err := strict(data, &m); err != nil || m.LastAckedSeq < 0 || m.LastAckedSeq > MaxSeq {
			bad(0, "resume must be {type, last_acked_seq} with 0 <= last_acked_seq <= 2^53-1")
			return
		}
		c.sendState()
	case TypePing:
		var m Control
		if err := strict(data, &m); err != nil {
			bad(0, "session.ping must be {type, seq}")
			return
		}
		c.push(Pong{Type: TypePong, Seq: m.Seq, ServerTime: c.hub.clock.Now().UnixMilli()})
	case TypeVoiceStart, TypeVoiceStop, TypeAudioCommit, TypeCancel:
		c.handleVoice(env.Type, data)
	default:
		c.fail(0, "invalid_event_type", "unknown event type; allowed: "+strings.Join(ClientEventTypes, ", "))
	}
}

func (c *conn) sendState() {
	sess, live, err := c.hub.svc.Live(c.ctx, c.userID, c.sessionID)
	if err != nil {
		c.failErr(0, err)
		return
	}
	t := c.timer()
	st := SessionState{Type: TypeSessionState, SessionID: sess.ID, Status: sess.Status, LastAckedSeq: live.Seq, Code: live.Code,
		Language: live.Language, HintsUsed: sess.HintsUsed, HintsTotal: c.hub.svc.HintsTotal(c.ctx, sess),
		RemainingMS: t.RemainingMS, ServerTime: t.ServerTime, EndsAt: t.EndsAt}
	c.push(st)
	c.hub.mu.Lock()
	obs := c.hub.observations
	c.hub.mu.Unlock()
	if obs != nil {
		if o := obs.Latest(sess.ID); o != nil {
			c.push(Observation{Type: TypeObservation, Analysis: *o})
		}
	}
}
