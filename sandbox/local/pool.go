package local

import (
	"sync"
	"time"

	"github.com/criyle/go-judge/env/pool"
	"github.com/criyle/go-judge/envexec"
	"github.com/criyle/go-judge/worker"
)

// envPool keeps idle containers for reuse: at most maxIdle of them, each
// for at most idle. go-judge's own pool keeps every container it ever made,
// so a burst of runs pinned its containers (and their memory) until the
// server stopped. Get hands out the most recently used container, so the
// oldest ones are the ones that age out.
type envPool struct {
	build   func() (pool.Environment, error)
	maxIdle int
	idle    time.Duration

	mu        sync.Mutex
	free      []idleEnv // oldest first
	inUse     int
	peakInUse int // for tests: the most containers handed out at once
	closed    bool

	stop chan struct{}
	done chan struct{}
}

type idleEnv struct {
	env   pool.Environment
	since time.Time
}

var _ worker.EnvironmentPool = (*envPool)(nil)

func newEnvPool(build func() (pool.Environment, error), maxIdle int, idle time.Duration) *envPool {
	p := &envPool{build: build, maxIdle: maxIdle, idle: idle, stop: make(chan struct{}), done: make(chan struct{})}
	go p.reap()
	return p
}

func (p *envPool) Get() (envexec.Environment, error) {
	p.mu.Lock()
	p.inUse++
	p.peakInUse = max(p.peakInUse, p.inUse)
	if n := len(p.free); n > 0 {
		e := p.free[n-1].env
		p.free = p.free[:n-1]
		p.mu.Unlock()
		return e, nil
	}
	p.mu.Unlock()
	e, err := p.build()
	if err != nil {
		p.mu.Lock()
		p.inUse--
		p.mu.Unlock()
		return nil, err
	}
	return e, nil
}

func (p *envPool) Put(env envexec.Environment) {
	e := env.(pool.Environment)
	p.mu.Lock()
	p.inUse--
	p.mu.Unlock()
	// Reset wipes the work dirs; a container that failed it (or died) is
	// not reused.
	if err := e.Reset(); err != nil {
		e.Destroy()
		return
	}
	p.mu.Lock()
	if p.closed || len(p.free) >= p.maxIdle {
		p.mu.Unlock()
		e.Destroy()
		return
	}
	p.free = append(p.free, idleEnv{env: e, since: time.Now()})
	p.mu.Unlock()
}

// reap destroys containers idle for longer than p.idle.
func (p *envPool) reap() {
	defer close(p.done)
	t := time.NewTicker(max(p.idle/4, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			p.mu.Lock()
			n := 0
			for n < len(p.free) && now.Sub(p.free[n].since) >= p.idle {
				n++
			}
			old := append([]idleEnv(nil), p.free[:n]...)
			p.free = append(p.free[:0], p.free[n:]...)
			p.mu.Unlock()
			for _, ie := range old {
				ie.env.Destroy()
			}
		}
	}
}

// idleCount is how many containers wait for a run.
func (p *envPool) idleCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.free)
}

// Destroy stops the reaper and destroys the idle containers; containers
// still in use are destroyed when they come back.
func (p *envPool) Destroy() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	free := p.free
	p.free = nil
	p.mu.Unlock()
	close(p.stop)
	<-p.done
	for _, ie := range free {
		ie.env.Destroy()
	}
}
