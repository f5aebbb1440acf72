package admission

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Memory is the in-process queue of one server.
//
// Order is FIFO on the shared resources: a run that does not fit the free
// slots or memory blocks every run behind it, so none starves. A run that
// waits only for its own user's earlier run is stepped over: it waits for
// itself, not for the server.
type Memory struct {
	mu      sync.Mutex
	lim     Limits
	queue   []*waiter
	running int
	perUser map[string]int
	memory  int64         // the admitted runs' memory together
	hold    time.Duration // a moving average of how long a run holds its place
}

var _ Queue = (*Memory)(nil)

type waiter struct {
	t        Ticket
	memory   int64
	ready    chan struct{} // closed once admitted
	moved    chan struct{} // a signal that ahead changed
	ahead    int
	admitted bool
}

// NewMemory returns an empty queue under l (zero fields take the defaults).
func NewMemory(l Limits) *Memory {
	return &Memory{lim: l.WithDefaults(), perUser: map[string]int{}, hold: 2 * time.Second}
}

// SetLimits changes the limits of a live queue. Growing admits waiting runs
// at once; shrinking stops admitting until enough runs have finished: runs
// already in the sandbox are never stopped.
func (m *Memory) SetLimits(l Limits) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lim = l.WithDefaults()
	m.dispatch()
}

// Limits returns the limits in force.
func (m *Memory) Limits() Limits {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lim
}

// Stats is a moment's view of the queue.
type Stats struct {
	Waiting int   // runs in the queue
	Running int   // runs admitted and not yet released
	Memory  int64 // their memory limits together
}

// Stats reports the queue now.
func (m *Memory) Stats() Stats {
	m.mu.Lock()
	defer m.mu.Unlock()
	return Stats{Waiting: len(m.queue), Running: m.running, Memory: m.memory}
}

// Admit implements Queue.
func (m *Memory) Admit(ctx context.Context, t Ticket) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	w := &waiter{t: t, memory: min(max(t.Memory, 0), m.lim.MemoryBudget), ready: make(chan struct{}), moved: make(chan struct{}, 1)}
	m.queue = append(m.queue, w)
	m.dispatch()
	if w.admitted {
		m.mu.Unlock()
		return m.releaser(w), nil
	}
	if len(m.queue) > m.lim.MaxQueue {
		m.remove(w)
		retry := m.retryAfter()
		m.mu.Unlock()
		return nil, Busy(ErrQueueFull, retry)
	}
	ahead, wait := w.ahead, m.lim.MaxWait
	m.mu.Unlock()

	tell := func(p Place) {
		if t.Waiting != nil {
			t.Waiting(p)
		}
	}
	tell(Place{Ahead: ahead})
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-w.ready:
			tell(Place{Admitted: true})
			return m.releaser(w), nil
		case <-w.moved:
			m.mu.Lock()
			now, admitted := w.ahead, w.admitted
			m.mu.Unlock()
			if !admitted && now != ahead {
				ahead = now
				tell(Place{Ahead: ahead})
			}
		case <-ctx.Done():
			if !m.leave(w) {
				m.mu.Lock() // admitted as ctx ended: give the place back
				m.release(w, 0)
				m.mu.Unlock()
			}
			return nil, ctx.Err()
		case <-timer.C:
			if m.leave(w) {
				m.mu.Lock()
				retry := m.retryAfter()
				m.mu.Unlock()
				return nil, Busy(ErrWaitLimit, retry)
			}
			return m.releaser(w), nil // admitted as the wait ran out: take the place
		}
	}
}

// leave takes a waiter out of the queue; it reports false when the waiter
// was admitted meanwhile (and holds a place).
func (m *Memory) leave(w *waiter) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if w.admitted {
		return false
	}
	m.remove(w)
	m.dispatch()
	return true
}

func (m *Memory) remove(w *waiter) {
	if i := slices.Index(m.queue, w); i >= 0 {
		m.queue = slices.Delete(m.queue, i, i+1)
	}
}

// releaser returns w's release, safe to call more than once.
func (m *Memory) releaser(w *waiter) func() {
	start := time.Now()
	var once sync.Once
	return func() {
		once.Do(func() {
			m.mu.Lock()
			defer m.mu.Unlock()
			m.release(w, time.Since(start))
		})
	}
}

func (m *Memory) release(w *waiter, held time.Duration) {
	m.running--
	m.memory -= w.memory
	if w.t.User != "" {
		if m.perUser[w.t.User]--; m.perUser[w.t.User] <= 0 {
			delete(m.perUser, w.t.User)
		}
	}
	if held > 0 {
		m.hold = (7*m.hold + held) / 8
	}
	m.dispatch()
}

// dispatch admits every run that fits, in order, and tells the rest where
// they stand. Callers hold mu.
func (m *Memory) dispatch() {
	kept := m.queue[:0]
	blocked := false
	for _, w := range m.queue {
		userFull := w.t.User != "" && m.perUser[w.t.User] >= m.lim.MaxPerUser
		if blocked || userFull || m.running >= m.lim.MaxConcurrent || m.memory+w.memory > m.lim.MemoryBudget {
			// FIFO on the shared resources: the first run they cannot
			// take blocks those behind it.
			blocked = blocked || !userFull
			kept = append(kept, w)
			continue
		}
		m.running++
		m.memory += w.memory
		if w.t.User != "" {
			m.perUser[w.t.User]++
		}
		w.admitted = true
		close(w.ready)
	}
	clear(m.queue[len(kept):])
	m.queue = kept
	for i, w := range m.queue {
		if w.ahead != i {
			w.ahead = i
			select {
			case w.moved <- struct{}{}:
			default:
			}
		}
	}
}

// retryAfter estimates when a refused run would find a place: the queue
// ahead of it, a concurrent run's share at a time. Callers hold mu.
func (m *Memory) retryAfter() time.Duration {
	rounds := (len(m.queue) + m.lim.MaxConcurrent) / m.lim.MaxConcurrent
	return min(max(time.Duration(rounds)*m.hold, time.Second), m.lim.MaxWait)
}
