// Package redisqueue is the fleet-wide admission queue on Redis: one FIFO
// line, one limit on runs at once, one cap per user and one bound on the
// line's length for every node that shares the Redis, with the semantics
// of admission.Memory (it passes the same suite, admissiontest).
//
// Each waiting run and each admitted place is held under a lease that its
// node renews; a node that dies stops renewing, and what it held is given
// back when the lease ends (Options.Lease, 30 s by default). Nodes hear of
// changes on a Pub/Sub channel and look again every Options.Poll as well,
// so a lost message only delays a run. See docs/adr/0017-sandbox-fleet.md.
package redisqueue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/judge/admission"
)

// Options tune the queue; zero values take the defaults.
type Options struct {
	// Prefix names the queue's keys (default "mockroom:admission"); nodes
	// with the same prefix share one queue. Tests use a unique one.
	Prefix string
	// Lease is how long a place or a waiting run outlives its node's last
	// renewal (default 30 s); renewals come every third of it.
	Lease time.Duration
	// Poll is how often a waiting run looks again without a notification
	// (default 1 s, at most a third of Lease).
	Poll time.Duration
	Log  *slog.Logger
}

// Queue is the fleet-wide admission.Queue.
type Queue struct {
	rdb    redis.UniversalClient
	keys   []string // q, ql, h, info, seq, hold
	ch     string
	lease  time.Duration
	poll   time.Duration
	log    *slog.Logger
	pubsub *redis.PubSub

	mu   sync.Mutex
	lim  admission.Limits
	held map[string]struct{} // places this node holds, renewed
	wake chan struct{}       // closed at each notification, then replaced

	stop chan struct{}
	done sync.WaitGroup
	once sync.Once
}

var _ admission.Queue = (*Queue)(nil)

// New returns the queue shared by every node on rdb with the same prefix,
// under this node's view of the limits l (zero fields take the defaults).
func New(rdb redis.UniversalClient, l admission.Limits, o Options) *Queue {
	if o.Prefix == "" {
		o.Prefix = "mockroom:admission"
	}
	if o.Lease <= 0 {
		o.Lease = 30 * time.Second
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	o.Poll = min(o.Poll, o.Lease/3)
	if o.Log == nil {
		o.Log = slog.Default()
	}
	tag := "{" + o.Prefix + "}:"
	q := &Queue{rdb: rdb, ch: tag + "changed", lease: o.Lease, poll: o.Poll, log: o.Log, lim: l.WithDefaults(),
		held: map[string]struct{}{}, wake: make(chan struct{}), stop: make(chan struct{})}
	for _, k := range []string{"q", "ql", "h", "info", "seq", "hold"} {
		q.keys = append(q.keys, tag+k)
	}
	q.pubsub = rdb.Subscribe(context.Background(), q.ch)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	if _, err := q.pubsub.Receive(ctx); err != nil {
		q.log.Warn("admission: no notifications from Redis yet; waiting runs poll", "error", err)
	}
	cancel()
	q.done.Add(2)
	go q.listen()
	go q.renew()
	return q
}

// SetLimits changes this node's view of the limits.
func (q *Queue) SetLimits(l admission.Limits) {
	q.mu.Lock()
	q.lim = l.WithDefaults()
	q.mu.Unlock()
}

// Limits returns this node's view of the limits.
func (q *Queue) Limits() admission.Limits {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.lim
}

func (q *Queue) listen() {
	defer q.done.Done()
	for range q.pubsub.Channel() {
		q.notify()
	}
}

func (q *Queue) notify() {
	q.mu.Lock()
	close(q.wake)
	q.wake = make(chan struct{})
	q.mu.Unlock()
}

func (q *Queue) woken() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wake
}

// renew extends the leases of this node's places every third of a lease.
func (q *Queue) renew() {
	defer q.done.Done()
	t := time.NewTicker(q.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-q.stop:
			return
		case <-t.C:
		}
		q.mu.Lock()
		ids := make([]any, 0, len(q.held))
		for id := range q.held {
			ids = append(ids, id)
		}
		q.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), q.lease/3)
		lost, err := renewScript.Run(ctx, q.rdb, q.keys, append(q.args(q.Limits()), ids...)...).StringSlice()
		cancel()
		if err != nil {
			q.log.Warn("admission: renewing the fleet queue's leases failed", "error", err)
			continue
		}
		if len(lost) > 0 {
			// A run longer than its lease without renewal (Redis was out):
			// it goes on, uncounted; the fleet may run one more meanwhile.
			q.log.Warn("admission: places lapsed in the fleet queue while their runs went on", "count", len(lost))
			q.mu.Lock()
			for _, id := range lost {
				delete(q.held, id)
			}
			q.mu.Unlock()
		}
	}
}

// Close stops renewing and listening. Places still held lapse when their
// lease ends: call it after the runs are over.
func (q *Queue) Close() error {
	q.once.Do(func() {
		close(q.stop)
		q.pubsub.Close()
	})
	q.done.Wait()
	return nil
}

// args are the scripts' common arguments under l.
func (q *Queue) args(l admission.Limits) []any {
	return []any{q.ch, l.MaxConcurrent, l.MaxPerUser, l.MemoryBudget, q.lease.Milliseconds()}
}

func ms(v int64) time.Duration { return time.Duration(v) * time.Millisecond }

// unavailable is Redis failing: the run cannot be admitted fleet-wide.
func unavailable(err error) error {
	e := mockroom.Errorf(mockroom.KindUnavailable, "queue_unavailable", "the judge's queue is unreachable; your code is saved, try again in a moment")
	e.Err = err
	return mockroom.Wrap("redisqueue.Admit", e)
}

// Admit implements admission.Queue.
func (q *Queue) Admit(ctx context.Context, t admission.Ticket) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lim := q.Limits()
	id := mockroom.NewID()
	memory := min(max(t.Memory, 0), lim.MemoryBudget)
	wake := q.woken() // before the script: no notification after it is missed
	res, err := admitScript.Run(ctx, q.rdb, q.keys, append(q.args(lim), id, strconv.FormatInt(memory, 10)+" "+t.User, lim.MaxQueue, lim.MaxWait.Milliseconds())...).Int64Slice()
	if err != nil {
		if ctx.Err() != nil {
			// The script may have run: whatever it did lapses with the lease.
			return nil, ctx.Err()
		}
		return nil, unavailable(err)
	}
	switch res[0] {
	case 1:
		return q.place(id), nil
	case 2:
		return nil, admission.Busy(admission.ErrQueueFull, ms(res[1]))
	}
	tell := func(p admission.Place) {
		if t.Waiting != nil {
			t.Waiting(p)
		}
	}
	ahead := int(res[1])
	tell(admission.Place{Ahead: ahead})
	timer := time.NewTimer(lim.MaxWait)
	defer timer.Stop()
	poll := time.NewTicker(q.poll)
	defer poll.Stop()
	for {
		var where []int64
		select {
		case <-wake:
			wake = q.woken()
			where, err = positionScript.Run(ctx, q.rdb, []string{q.keys[0], q.keys[2]}, id).Int64Slice()
		case <-poll.C:
			where, err = pollScript.Run(ctx, q.rdb, q.keys, append(q.args(lim), id)...).Int64Slice()
		case <-ctx.Done():
			if q.leave(id, lim) == 0 {
				q.place(id)() // admitted as ctx ended: give the place back
			}
			return nil, ctx.Err()
		case <-timer.C:
			switch code, retry := q.leaveRetry(id, lim); code {
			case 0:
				return q.place(id), nil // admitted as the wait ran out: take the place
			case 1:
				return nil, admission.Busy(admission.ErrWaitLimit, retry)
			default:
				return nil, admission.Busy(admission.ErrWaitLimit, time.Second)
			}
		}
		if err != nil {
			if ctx.Err() == nil {
				q.log.Warn("admission: asking the fleet queue where a run stands failed", "error", err)
			}
			continue // the wait limit still ends it
		}
		switch where[0] {
		case 1:
			tell(admission.Place{Admitted: true})
			return q.place(id), nil
		case 3:
			// Its lease ended: this node did not poll for a whole lease.
			q.log.Warn("admission: a waiting run lost its place in the fleet queue")
			return nil, admission.Busy(admission.ErrWaitLimit, time.Second)
		}
		if now := int(where[1]); now != ahead {
			ahead = now
			tell(admission.Place{Ahead: ahead})
		}
	}
}

// leave takes a waiting run out of the line; 0 means it holds a place.
func (q *Queue) leave(id string, lim admission.Limits) int64 {
	code, _ := q.leaveRetry(id, lim)
	return code
}

func (q *Queue) leaveRetry(id string, lim admission.Limits) (int64, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := leaveScript.Run(ctx, q.rdb, q.keys, append(q.args(lim), id, lim.MaxWait.Milliseconds())...).Int64Slice()
	if err != nil {
		// Its lease will end: it is out of the line soon enough.
		q.log.Warn("admission: leaving the fleet queue failed", "error", err)
		return 2, 0
	}
	return res[0], ms(res[1])
}

// place starts renewing id's lease and returns its release.
func (q *Queue) place(id string) func() {
	q.mu.Lock()
	q.held[id] = struct{}{}
	q.mu.Unlock()
	start := time.Now()
	var once sync.Once
	return func() {
		once.Do(func() {
			q.mu.Lock()
			delete(q.held, id)
			lim := q.lim
			q.mu.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			held := max(time.Since(start).Milliseconds(), 1)
			if err := releaseScript.Run(ctx, q.rdb, q.keys, append(q.args(lim), id, held)...).Err(); err != nil {
				q.log.Warn("admission: giving a place back to the fleet queue failed; it lapses with its lease", "error", err)
			}
		})
	}
}

// Stats reports the fleet's queue now: runs waiting and holding a place
// on every node (Memory is not summed: 0).
func (q *Queue) Stats(ctx context.Context) (admission.Stats, error) {
	p := q.rdb.Pipeline()
	waiting, running := p.ZCard(ctx, q.keys[0]), p.ZCard(ctx, q.keys[2])
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return admission.Stats{}, fmt.Errorf("redisqueue stats: %w", err)
	}
	return admission.Stats{Waiting: int(waiting.Val()), Running: int(running.Val())}, nil
}

var (
	descDepth   = prometheus.NewDesc("mockroom_judge_fleet_queue_depth", "Executions waiting in the fleet-wide queue, all nodes together.", nil, nil)
	descRunning = prometheus.NewDesc("mockroom_judge_fleet_runs_in_flight", "Executions holding a place in the fleet-wide queue, all nodes together.", nil, nil)
)

// Describe implements prometheus.Collector.
func (q *Queue) Describe(ch chan<- *prometheus.Desc) { ch <- descDepth; ch <- descRunning }

// Collect implements prometheus.Collector: it reads Redis, and reports
// nothing when Redis does not answer in a second.
func (q *Queue) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s, err := q.Stats(ctx)
	if err != nil {
		q.log.Warn("admission: reading the fleet queue for metrics failed", "error", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(descDepth, prometheus.GaugeValue, float64(s.Waiting))
	ch <- prometheus.MustNewConstMetric(descRunning, prometheus.GaugeValue, float64(s.Running))
}
