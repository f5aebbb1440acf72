package redisrt

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/transport/realtime"
)

// Fanout is the realtime.Fanout over Redis Pub/Sub, on one PubSub
// connection per process. A session's notices go to the channel
// "<prefix>rt:session:<id>", which an instance subscribes to while it
// holds a socket of that session; sign-outs go to "<prefix>rt:signout",
// which every instance subscribes to. Pub/Sub delivers at most once (a
// subscriber that is away misses the message): fine here, because what a
// notice reports is durable in the store, and a client that reconnects
// resumes from it.
type Fanout struct {
	rdb    *redis.Client
	prefix string
	log    *slog.Logger
	id     string // this instance, so that it skips its own messages

	ps    *redis.PubSub
	queue chan outbound
	stop  chan struct{}
	done  sync.WaitGroup

	mu        sync.Mutex
	receive   func(realtime.Message)
	joined    map[string]int           // channel → sockets here
	confirmed map[string]bool          // channel → Redis confirmed the subscription
	pending   map[string]chan struct{} // channel → closed when it does
	lastErr   time.Time
	closed    bool
}

type outbound struct {
	channel string
	payload []byte
}

// envelope is a message on the wire.
type envelope struct {
	From string           `json:"from"`
	Msg  realtime.Message `json:"msg"`
}

var _ realtime.Fanout = (*Fanout)(nil)

// Options tune the fan-out; zero values take the defaults.
type Options struct {
	Prefix string       // channel prefix ("mockroom:" in production)
	Log    *slog.Logger // failures (at most one every half minute)
	// Queue bounds the messages waiting to be published (4096); past it a
	// message is dropped and Publish says so.
	Queue int
}

// New subscribes to the sign-out channel and starts publishing; Close
// stops both.
func New(rdb *redis.Client, opt Options) *Fanout {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Queue <= 0 {
		opt.Queue = 4096
	}
	var b [8]byte
	rand.Read(b[:])
	f := &Fanout{rdb: rdb, prefix: opt.Prefix, log: opt.Log, id: hex.EncodeToString(b[:]),
		queue: make(chan outbound, opt.Queue), stop: make(chan struct{}),
		joined: map[string]int{}, confirmed: map[string]bool{}, pending: map[string]chan struct{}{}}
	// The sign-out channel is joined for good. Subscribing writes nothing
	// when Redis is down: the PubSub keeps the channel and subscribes when
	// it (re)connects.
	signout := f.signoutChannel()
	ready := make(chan struct{})
	f.joined[signout], f.pending[signout] = 1, ready
	f.ps = rdb.Subscribe(context.Background(), signout)
	msgs := f.ps.ChannelWithSubscriptions(redis.WithChannelSize(1024))
	f.done.Add(2)
	go f.receiveLoop(msgs)
	go f.publishLoop()
	// Wait a moment for Redis to confirm it, so that a sign-out published
	// once New has returned reaches this instance.
	select {
	case <-ready:
	case <-time.After(signoutWait):
		f.log.Warn("realtime fan-out: Redis has not confirmed the sign-out subscription yet; it is retried in the background")
	}
	return f
}

// signoutWait bounds New's wait for the sign-out subscription.
const signoutWait = 3 * time.Second

func (f *Fanout) sessionChannel(id string) string { return f.prefix + "rt:session:" + id }
func (f *Fanout) signoutChannel() string          { return f.prefix + "rt:signout" }

func (f *Fanout) Listen(receive func(realtime.Message)) {
	f.mu.Lock()
	f.receive = receive
	f.mu.Unlock()
}

// Publish queues m for the publisher, which pipelines what has queued up
// in order: a caller (an interviewer streaming its reply) never waits on
// Redis, and one sender's messages keep their order.
func (f *Fanout) Publish(_ context.Context, m realtime.Message) error {
	ch := f.signoutChannel() // every instance listens: sign-outs and voice claims
	if !m.Broadcast() {
		ch = f.sessionChannel(m.SessionID)
	}
	raw, err := json.Marshal(envelope{From: f.id, Msg: m})
	if err != nil {
		return err
	}
	f.mu.Lock()
	closed := f.closed
	f.mu.Unlock()
	if closed {
		return mockroom.Errorf(mockroom.KindUnavailable, "fanout_closed", "the fan-out is closed")
	}
	select {
	case f.queue <- outbound{channel: ch, payload: raw}:
		return nil
	default:
		return mockroom.Errorf(mockroom.KindUnavailable, "fanout_full", "too many notices waiting for Redis; this one was dropped")
	}
}

// publishBatch bounds one pipeline.
const publishBatch = 256

func (f *Fanout) publishLoop() {
	defer f.done.Done()
	for {
		select {
		case o := <-f.queue:
			f.publish(f.drain(o))
		case <-f.stop:
			// What was queued before Close still goes out.
			for {
				select {
				case o := <-f.queue:
					f.publish(f.drain(o))
				default:
					return
				}
			}
		}
	}
}

func (f *Fanout) drain(first outbound) []outbound {
	batch := []outbound{first}
	for len(batch) < publishBatch {
		select {
		case o := <-f.queue:
			batch = append(batch, o)
		default:
			return batch
		}
	}
	return batch
}

func (f *Fanout) publish(batch []outbound) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := f.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, o := range batch {
			p.Publish(ctx, o.channel, o.payload)
		}
		return nil
	})
	if err != nil {
		f.failed("publishing", len(batch), err)
	}
}

func (f *Fanout) failed(what string, n int, err error) {
	now := time.Now()
	f.mu.Lock()
	quiet := !f.lastErr.IsZero() && now.Sub(f.lastErr) < 30*time.Second
	if !quiet {
		f.lastErr = now
	}
	f.mu.Unlock()
	if !quiet {
		f.log.Warn("realtime fan-out: "+what+" failed; rooms on other instances miss these notices until they resume", "messages", n, "err", err)
	}
}

func (f *Fanout) receiveLoop(msgs <-chan any) {
	defer f.done.Done()
	for msg := range msgs { // closed by Close
		switch msg := msg.(type) {
		case *redis.Subscription:
			f.subscribed(msg)
		case *redis.Message:
			f.dispatch(msg)
		}
	}
}

// subscribed records Redis's confirmation of a (re)subscription, which
// is what Join waits for.
func (f *Fanout) subscribed(s *redis.Subscription) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch s.Kind {
	case "subscribe":
		if f.joined[s.Channel] > 0 {
			f.confirmed[s.Channel] = true
			if p := f.pending[s.Channel]; p != nil {
				close(p)
				delete(f.pending, s.Channel)
			}
		}
	case "unsubscribe":
		if f.joined[s.Channel] == 0 {
			delete(f.confirmed, s.Channel)
		}
	}
}

func (f *Fanout) dispatch(msg *redis.Message) {
	var env envelope
	if err := json.Unmarshal([]byte(msg.Payload), &env); err != nil {
		f.failed("reading a message", 1, err)
		return
	}
	if env.From == f.id {
		return // the hub delivered it here already
	}
	f.mu.Lock()
	receive := f.receive
	// A session left a moment ago may still have messages in flight.
	wanted := msg.Channel == f.signoutChannel() || f.joined[msg.Channel] > 0
	f.mu.Unlock()
	if receive != nil && wanted {
		receive(env.Msg)
	}
}

// Join subscribes on the session's first socket here and waits for
// Redis's confirmation (or ctx): a message published after Join returns
// reaches this instance.
func (f *Fanout) Join(ctx context.Context, sessionID string) error {
	ch := f.sessionChannel(sessionID)
	f.mu.Lock()
	f.joined[ch]++
	if f.confirmed[ch] {
		f.mu.Unlock()
		return nil
	}
	p := f.pending[ch]
	if p == nil {
		p = make(chan struct{})
		f.pending[ch] = p
	}
	var err error
	if f.joined[ch] == 1 {
		// Under f.mu: subscriptions and unsubscriptions of a channel reach
		// Redis in the order their counts changed.
		err = f.ps.Subscribe(ctx, ch)
	}
	f.mu.Unlock()
	if err != nil {
		// The PubSub keeps the channel and subscribes on reconnecting.
		return unavailable(err)
	}
	select {
	case <-p:
		return nil
	case <-ctx.Done():
		return unavailable(ctx.Err())
	}
}

// Leave unsubscribes with the session's last socket here.
func (f *Fanout) Leave(ctx context.Context, sessionID string) {
	ch := f.sessionChannel(sessionID)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.joined[ch]--; f.joined[ch] > 0 {
		return
	}
	delete(f.joined, ch)
	delete(f.confirmed, ch)
	if err := f.ps.Unsubscribe(ctx, ch); err != nil {
		// On reconnecting the PubSub no longer subscribes to it.
		f.log.Debug("realtime fan-out: unsubscribing", "err", err)
	}
}

// Close stops receiving, publishes what is queued and returns.
func (f *Fanout) Close() error {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil
	}
	f.closed = true
	f.mu.Unlock()
	close(f.stop)
	err := f.ps.Close()
	f.done.Wait()
	return err
}
