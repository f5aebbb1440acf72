package roomclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/transport/realtime"
)

// Frame is a server frame other than ack (timer, execution_result, ...).
type Frame struct {
	Type string
	Raw  json.RawMessage
	// Instance is the backend that served the socket it came on (the load
	// balancer's X-Served-By header), when known.
	Instance string
}

// Stats count what a room saw.
type Stats struct {
	Sent        int             // edits sent (first sends only)
	Acked       int             // distinct edits acknowledged
	AckLatency  []time.Duration // first send to ack, per acknowledged edit
	Connects    int             // sockets opened (the first and every reconnect)
	DialErrors  int             // failed attempts to (re)connect
	ErrorFrames map[string]int  // error frames by code
	// Lost counts acknowledged edits the server no longer had when the
	// room resumed: it must stay 0.
	Lost int64
}

// Room is one interview's socket that survives the loss of its server.
type Room struct {
	acct      *Account
	sessionID string
	// Instances, when set, is the list of bases to dial in turn instead of
	// the account's (a client that moves between instances on purpose).
	Instances []string
	// Frames receives every non-ack frame; when full, frames are dropped.
	Frames chan Frame

	mu       sync.Mutex
	ws       *websocket.Conn
	instance string
	next     int64 // last seq used
	acked    int64 // highest seq acknowledged
	pending  []pendingEdit
	sentAt   map[int64]time.Time
	stats    Stats
	ended    bool
	dials    int
	changed  chan struct{} // closed and replaced whenever acked moves
	retrying bool          // a re-send after a refusal is scheduled
}

type pendingEdit struct {
	seq int64
	raw []byte
}

// Open connects the room and starts its reader, which reconnects until ctx
// ends or the interview does.
func Open(ctx context.Context, acct *Account, sessionID string, instances ...string) (*Room, error) {
	r := &Room{acct: acct, sessionID: sessionID, Instances: instances, Frames: make(chan Frame, 256),
		sentAt: map[int64]time.Time{}, changed: make(chan struct{}), stats: Stats{ErrorFrames: map[string]int{}}}
	if err := r.connect(ctx); err != nil {
		return nil, err
	}
	go r.run(ctx)
	return r, nil
}

// Edit sends the whole editor text as the next code_edit. While the socket
// is down the edit waits and goes out after the reconnect.
func (r *Room) Edit(ctx context.Context, language, code string) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next++
	raw, _ := json.Marshal(map[string]any{"type": realtime.TypeCodeEdit, "seq": r.next, "language": language, "code": code})
	r.pending = append(r.pending, pendingEdit{seq: r.next, raw: raw})
	r.sentAt[r.next] = time.Now()
	r.stats.Sent++
	if r.ws != nil {
		r.write(ctx, raw)
	}
	return r.next
}

// write sends one frame; a failure leaves it pending for the reconnect.
// The caller holds r.mu, which also keeps re-sends and new edits in order.
func (r *Room) write(ctx context.Context, raw []byte) {
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := r.ws.Write(wctx, websocket.MessageText, raw); err != nil {
		r.ws.CloseNow()
	}
}

// Acked is the highest sequence number the server acknowledged.
func (r *Room) Acked() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.acked
}

// Last is the highest sequence number sent.
func (r *Room) Last() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.next
}

// Instance is the backend holding the socket now ("" when unknown or down).
func (r *Room) Instance() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.instance
}

// Ended reports whether the server ended the interview.
func (r *Room) Ended() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ended
}

// Stats returns a copy of the counters.
func (r *Room) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.AckLatency = append([]time.Duration(nil), r.stats.AckLatency...)
	s.ErrorFrames = map[string]int{}
	for k, v := range r.stats.ErrorFrames {
		s.ErrorFrames[k] = v
	}
	return s
}

// WaitAcked waits until seq is acknowledged.
func (r *Room) WaitAcked(ctx context.Context, seq int64) error {
	for {
		r.mu.Lock()
		if r.acked >= seq {
			r.mu.Unlock()
			return nil
		}
		ch := r.changed
		r.mu.Unlock()
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for ack %d (at %d): %w", seq, r.Acked(), ctx.Err())
		case <-ch:
		}
	}
}

// Reconnect drops the socket (as a network failure would); the reader
// opens another one at once.
func (r *Room) Reconnect() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ws != nil {
		r.ws.CloseNow()
	}
}

// Close ends the room for good.
func (r *Room) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ended = true
	if r.ws != nil {
		r.ws.Close(websocket.StatusNormalClosure, "bye")
	}
}

// connect opens a socket, resumes and re-sends every edit the server lacks.
func (r *Room) connect(ctx context.Context) error {
	acct := r.acct
	r.mu.Lock()
	if len(r.Instances) > 0 {
		acct = r.acct.With(r.Instances[r.dials%len(r.Instances)])
	}
	r.dials++
	r.mu.Unlock()
	tok, err := acct.Token(ctx, r.sessionID)
	if err != nil {
		return err
	}
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	wsURL := "ws" + strings.TrimPrefix(acct.Base, "http") + "/ws"
	ws, resp, err := websocket.Dial(dctx, wsURL, &websocket.DialOptions{Subprotocols: []string{realtime.Subprotocol, tok}, HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	if err != nil {
		return err
	}
	ws.SetReadLimit(1 << 20)
	instance := resp.Header.Get("X-Served-By")
	r.mu.Lock()
	last := r.acked
	r.mu.Unlock()
	raw, _ := json.Marshal(map[string]any{"type": realtime.TypeResume, "last_acked_seq": last})
	if err := ws.Write(dctx, websocket.MessageText, raw); err != nil {
		ws.CloseNow()
		return err
	}
	// The server's durable seq: everything up to it needs no re-send.
	var durable int64 = -1
	for durable < 0 {
		_, data, err := ws.Read(dctx)
		if err != nil {
			ws.CloseNow()
			return err
		}
		var f struct {
			Type    string
			LastSeq int64 `json:"last_acked_seq"`
			Status  string
		}
		json.Unmarshal(data, &f)
		switch f.Type {
		case realtime.TypeSessionState:
			durable = f.LastSeq
		case realtime.TypeSessionEnded:
			ws.CloseNow()
			r.mu.Lock()
			r.ended = true
			r.mu.Unlock()
			return errEnded
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if durable < r.acked {
		r.stats.Lost += r.acked - durable
	}
	r.ackUpTo(durable)
	r.ws, r.instance = ws, instance
	r.stats.Connects++
	r.resendLatest(ctx)
	return nil
}

var errEnded = errors.New("the interview ended")

// resendLatest sends the newest unacknowledged edit again: each edit is the
// whole text, so its ack covers every earlier one (the web app does the
// same). Caller holds r.mu.
func (r *Room) resendLatest(ctx context.Context) {
	if len(r.pending) > 0 && r.ws != nil {
		r.write(ctx, r.pending[len(r.pending)-1].raw)
	}
}

// retryLater re-sends the newest unacknowledged edit after a refusal
// (rate_limited, database_unavailable, ...), once per refusal burst.
func (r *Room) retryLater(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.retrying {
		return
	}
	r.retrying = true
	time.AfterFunc(500*time.Millisecond, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.retrying = false
		if ctx.Err() == nil {
			r.resendLatest(ctx)
		}
	})
}

// ackUpTo records acknowledgement of every seq up to seq. Caller holds r.mu.
func (r *Room) ackUpTo(seq int64) {
	if seq <= r.acked {
		return
	}
	now := time.Now()
	for s := r.acked + 1; s <= seq; s++ {
		if t, ok := r.sentAt[s]; ok {
			r.stats.AckLatency = append(r.stats.AckLatency, now.Sub(t))
			r.stats.Acked++
			delete(r.sentAt, s)
		}
	}
	r.acked = seq
	i := 0
	for i < len(r.pending) && r.pending[i].seq <= seq {
		i++
	}
	r.pending = r.pending[i:]
	close(r.changed)
	r.changed = make(chan struct{})
}

// run reads frames, and reconnects (with a short backoff) whenever the
// socket drops, until ctx ends or the interview is over.
func (r *Room) run(ctx context.Context) {
	for {
		r.mu.Lock()
		ws := r.ws
		r.mu.Unlock()
		if ws != nil {
			r.read(ctx, ws)
		}
		r.mu.Lock()
		r.ws, r.instance = nil, ""
		done := r.ended
		r.mu.Unlock()
		if done || ctx.Err() != nil {
			return
		}
		backoff := 50 * time.Millisecond
		for {
			err := r.connect(ctx)
			if err == nil {
				break
			}
			if errors.Is(err, errEnded) || ctx.Err() != nil {
				return
			}
			r.mu.Lock()
			r.stats.DialErrors++
			r.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(backoff*2, time.Second)
		}
	}
}

func (r *Room) read(ctx context.Context, ws *websocket.Conn) {
	defer ws.CloseNow()
	for {
		_, data, err := ws.Read(ctx)
		if err != nil {
			if websocket.CloseStatus(err) == realtime.CloseSessionEnded {
				r.mu.Lock()
				r.ended = true
				r.mu.Unlock()
			}
			return
		}
		var f struct {
			Type string
			Seq  int64
			Code string
		}
		if json.Unmarshal(data, &f) != nil {
			continue
		}
		switch f.Type {
		case realtime.TypeAck:
			r.mu.Lock()
			r.ackUpTo(f.Seq)
			r.mu.Unlock()
			continue
		case realtime.TypeError:
			r.mu.Lock()
			r.stats.ErrorFrames[f.Code]++
			refused := f.Seq > r.acked
			r.mu.Unlock()
			if refused {
				r.retryLater(ctx)
			}
		case realtime.TypeSessionEnded:
			r.mu.Lock()
			r.ended = true
			r.mu.Unlock()
		}
		r.mu.Lock()
		inst := r.instance
		r.mu.Unlock()
		select {
		case r.Frames <- Frame{Type: f.Type, Raw: data, Instance: inst}:
		default:
		}
	}
}

// String summarises the counters (without the latencies).
func (s Stats) String() string {
	return fmt.Sprintf("sent %d, acked %d, lost %d, sockets %d, failed dials %d, error frames %v",
		s.Sent, s.Acked, s.Lost, s.Connects, s.DialErrors, s.ErrorFrames)
}
