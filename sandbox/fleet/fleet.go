// Package fleet runs programs on several sandbox runners (go-judge servers
// through sandbox/remote) as one sandbox.Runner: each compile goes to the
// healthy runner with the fewest runs in flight (ties in turn), a runner
// that fails to answer is taken out until its health check passes again,
// and a step that failed because its runner did (not because of the
// program) is tried once more on another runner.
//
// Selected by SANDBOX=remote with more than one URL in SANDBOX_URL.
package fleet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/remote"
)

// Spec is one runner of the fleet.
type Spec struct {
	// Name identifies the runner in logs and metrics (its URL without
	// credentials).
	Name string
	// Dial connects and learns the runner's languages (remote.New). It is
	// called at start and again whenever the runner comes back, since a
	// restarted server has lost every artifact it held.
	Dial func() (sandbox.Runner, error)
	// Ping is the health check: nil when the runner answers.
	Ping func(ctx context.Context) error
}

// Remote returns the specs of go-judge servers at urls, sharing one token.
func Remote(urls []string, token string, opts ...remote.Option) []Spec {
	specs := make([]Spec, 0, len(urls))
	for _, u := range urls {
		specs = append(specs, Spec{
			Name: redact(u),
			Dial: func() (sandbox.Runner, error) { return remote.New(u, token, opts...) },
			Ping: func(ctx context.Context) error { return remote.Ping(ctx, u, token, nil) },
		})
	}
	return specs
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "runner"
	}
	p.User = nil
	return p.String()
}

// Options configure New.
type Options struct {
	// HealthInterval is the time between health checks (default 5 s).
	HealthInterval time.Duration
	Logger         *slog.Logger
	// Transient reports whether err is the runner's failure rather than
	// the program's (default: errors.Is(err, remote.ErrTransport)).
	Transient func(error) bool
}

// Fleet is the sandbox.Runner over several runners.
type Fleet struct {
	log       *slog.Logger
	transient func(error) bool
	interval  time.Duration

	mu      sync.Mutex
	members []*member
	next    int // where the round-robin among equals starts
	retries atomic.Int64

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

var _ sandbox.Runner = (*Fleet)(nil)

// member is one runner and what the fleet knows of it. Guarded by Fleet.mu.
type member struct {
	spec     Spec
	runner   sandbox.Runner // nil until it first answers
	gen      int            // bumped at each dial: builds from an older one are gone
	healthy  bool
	inFlight int
	runs     int64 // steps sent to it, for the metrics
}

// New dials every runner (in parallel) and starts the health checks. It
// fails only when no runner answers; the others join when they do.
func New(specs []Spec, o Options) (*Fleet, error) {
	const op = "fleet.New"
	if len(specs) == 0 {
		return nil, mockroom.Wrap(op, errors.New("no runners"))
	}
	f := &Fleet{log: o.Logger, transient: o.Transient, interval: o.HealthInterval, stop: make(chan struct{}), done: make(chan struct{})}
	if f.log == nil {
		f.log = slog.Default()
	}
	if f.transient == nil {
		f.transient = func(err error) bool { return errors.Is(err, remote.ErrTransport) }
	}
	if f.interval <= 0 {
		f.interval = 5 * time.Second
	}
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	for i, s := range specs {
		m := &member{spec: s}
		f.members = append(f.members, m)
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.Dial()
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", s.Name, err)
				return
			}
			m.runner, m.gen, m.healthy = r, 1, true
		}()
	}
	wg.Wait()
	up := 0
	for i, m := range f.members {
		if m.healthy {
			up++
		} else {
			f.log.Warn("sandbox: runner unreachable at start, retried by the health check", "runner", m.spec.Name, "error", errs[i])
		}
	}
	if up == 0 {
		return nil, mockroom.Wrap(op, errors.Join(errs...))
	}
	go f.health()
	return f, nil
}

// Languages lists what the healthy runners offer together.
func (f *Fleet) Languages() []sandbox.Language {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sandbox.Language
	for _, l := range sandbox.AllLanguages() {
		for _, m := range f.members {
			if m.healthy && slices.Contains(m.runner.Languages(), l) {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// build is a fleet Build's artifact: where it was compiled, and the program
// itself so that it can be compiled again elsewhere when that runner goes.
type build struct {
	prog sandbox.Program
	lim  sandbox.Limits

	mu  sync.Mutex
	m   *member
	gen int
	b   *sandbox.Build
}

var errNoRunner = mockroom.Errorf(mockroom.KindUnavailable, "sandbox_unavailable", "no sandbox runner is reachable; try again in a moment")

// Compile compiles p on the least busy healthy runner, and once more on
// another when that one fails to answer.
func (f *Fleet) Compile(ctx context.Context, p sandbox.Program, lim sandbox.Limits) (*sandbox.Build, error) {
	const op = "fleet.Compile"
	if !p.Language.Valid() {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "unknown_language", "unknown language %q", string(p.Language)))
	}
	art := &build{prog: p, lim: lim}
	var tried []*member
	for attempt := 0; ; attempt++ {
		m, gen, r, err := f.pick(p.Language, tried)
		if err != nil {
			return nil, mockroom.Wrap(op, err)
		}
		b, err := r.Compile(ctx, p, lim)
		f.done1(m)
		if err != nil {
			if f.failed(ctx, m, gen, err) && attempt == 0 {
				f.retries.Add(1)
				tried = append(tried, m)
				continue
			}
			return nil, err
		}
		if !b.OK {
			return sandbox.NewBuild(p.Language, false, b.Diagnostics, nil), nil
		}
		art.m, art.gen, art.b = m, gen, b
		return sandbox.NewBuild(p.Language, true, "", art), nil
	}
}

// Run runs b on the runner that compiled it. When that runner is out, or
// fails to answer during the run, b is compiled again on another healthy
// runner and run there, once. That is safe because a run is idempotent:
// each one starts in a fresh sandbox from the same build and stdin and
// leaves nothing behind, so running it twice can only give its result twice.
func (f *Fleet) Run(ctx context.Context, b *sandbox.Build, stdin []byte, lim sandbox.Limits) (*sandbox.Result, error) {
	const op = "fleet.Run"
	art, ok := b.Artifact().(*build)
	if b == nil || !b.OK || !ok {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindInvalid, "bad_build", "this build cannot be run here"))
	}
	var tried []*member
	for attempt := 0; ; attempt++ {
		m, gen, r, inner, err := f.placeBuild(ctx, art, tried)
		if err != nil {
			if m != nil && f.failed(ctx, m, gen, err) && attempt == 0 {
				f.retries.Add(1)
				tried = append(tried, m)
				continue
			}
			return nil, mockroom.Wrap(op, err)
		}
		res, err := r.Run(ctx, inner, stdin, lim)
		f.done1(m)
		if err != nil {
			if f.failed(ctx, m, gen, err) && attempt == 0 {
				f.retries.Add(1)
				tried = append(tried, m)
				continue
			}
			return nil, err
		}
		return res, nil
	}
}

// placeBuild returns a runner, counted in flight, holding art's build:
// where it was compiled if that runner is still the same and healthy, else
// the least busy other one after compiling it there. On an error with m
// set, m is no longer counted and the error may be m's fault.
func (f *Fleet) placeBuild(ctx context.Context, art *build, tried []*member) (m *member, gen int, r sandbox.Runner, inner *sandbox.Build, err error) {
	art.mu.Lock()
	defer art.mu.Unlock()
	f.mu.Lock()
	if h := art.m; h.healthy && h.gen == art.gen && !slices.Contains(tried, h) {
		h.inFlight++
		h.runs++
		m, gen, r = h, h.gen, h.runner
	}
	f.mu.Unlock()
	if m != nil {
		return m, gen, r, art.b, nil
	}
	if m, gen, r, err = f.pick(art.prog.Language, tried); err != nil {
		return nil, 0, nil, nil, err
	}
	b, err := r.Compile(ctx, art.prog, art.lim)
	if err == nil && !b.OK {
		err = fmt.Errorf("compiling again on %s: the program that compiled before failed: %.200s", m.spec.Name, b.Diagnostics)
	}
	if err != nil {
		f.done1(m)
		return m, gen, nil, nil, err
	}
	art.m, art.gen, art.b = m, gen, b
	return m, gen, r, b, nil
}

// pick returns the healthy runner offering lang with the fewest steps in
// flight, not one of skip, taking equals in turn; it is counted in flight
// until done1.
func (f *Fleet) pick(lang sandbox.Language, skip []*member) (*member, int, sandbox.Runner, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var best *member
	offered := false
	n := len(f.members)
	for i := range n {
		m := f.members[(f.next+i)%n]
		if !m.healthy || !slices.Contains(m.runner.Languages(), lang) {
			continue
		}
		offered = true
		if slices.Contains(skip, m) {
			continue
		}
		if best == nil || m.inFlight < best.inFlight {
			best = m
		}
	}
	if best == nil {
		if !offered && f.anyHealthy() {
			return nil, 0, nil, sandbox.LanguageUnavailable(lang)
		}
		return nil, 0, nil, errNoRunner
	}
	f.next = (slices.Index(f.members, best) + 1) % n
	best.inFlight++
	best.runs++
	return best, best.gen, best.runner, nil
}

func (f *Fleet) anyHealthy() bool {
	for _, m := range f.members {
		if m.healthy {
			return true
		}
	}
	return false
}

func (f *Fleet) done1(m *member) {
	f.mu.Lock()
	m.inFlight--
	f.mu.Unlock()
}

// failed reports whether err is m's failure (not the program's, not the
// caller giving up); if so m is taken out until its health check passes.
func (f *Fleet) failed(ctx context.Context, m *member, gen int, err error) bool {
	if ctx.Err() != nil || !f.transient(err) {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if m.gen == gen && m.healthy {
		m.healthy = false
		f.log.Warn("sandbox: runner failed to answer, taken out", "runner", m.spec.Name, "error", err)
	}
	return true
}

// health checks every runner each interval: a failing one is taken out, one
// that answers again is dialled anew (its languages probed afresh) and
// taken back.
func (f *Fleet) health() {
	defer close(f.done)
	t := time.NewTicker(f.interval)
	defer t.Stop()
	for {
		select {
		case <-f.stop:
			return
		case <-t.C:
		}
		var wg sync.WaitGroup
		for _, m := range f.members {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f.check(m)
			}()
		}
		wg.Wait()
	}
}

func (f *Fleet) check(m *member) {
	timeout := min(max(f.interval, time.Second), 10*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	err := m.spec.Ping(ctx)
	cancel()
	f.mu.Lock()
	was := m.healthy
	if err != nil {
		m.healthy = false
	}
	f.mu.Unlock()
	switch {
	case err != nil && was:
		f.log.Warn("sandbox: runner failed its health check, taken out", "runner", m.spec.Name, "error", err)
	case err == nil && !was:
		r, err := m.spec.Dial()
		if err != nil {
			f.log.Warn("sandbox: runner answers but could not be dialled", "runner", m.spec.Name, "error", err)
			return
		}
		f.mu.Lock()
		old := m.runner
		m.runner, m.gen, m.healthy = r, m.gen+1, true
		f.mu.Unlock()
		if old != nil {
			// Its artifacts died with the server; forgetting them fails
			// quietly at worst.
			go old.Close()
		}
		f.log.Info("sandbox: runner back in the fleet", "runner", m.spec.Name, "languages", langNames(r.Languages()))
	}
}

func langNames(ls []sandbox.Language) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ",")
}

// Close stops the health checks and closes every runner.
func (f *Fleet) Close() error {
	f.once.Do(func() { close(f.stop) })
	<-f.done
	f.mu.Lock()
	defer f.mu.Unlock()
	var errs []error
	for _, m := range f.members {
		if m.runner != nil {
			errs = append(errs, m.runner.Close())
		}
		m.runner, m.healthy = nil, false
	}
	return errors.Join(errs...)
}

// RunnerState is one runner as the fleet sees it now.
type RunnerState struct {
	Name     string
	Healthy  bool
	InFlight int   // compiles and runs sent and not yet answered
	Steps    int64 // compiles and runs sent since start
}

// State reports every runner, in the order given to New.
func (f *Fleet) State() []RunnerState {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]RunnerState, len(f.members))
	for i, m := range f.members {
		out[i] = RunnerState{Name: m.spec.Name, Healthy: m.healthy, InFlight: m.inFlight, Steps: m.runs}
	}
	return out
}

// Retries counts steps tried again on another runner.
func (f *Fleet) Retries() int64 { return f.retries.Load() }

var (
	descHealthy  = prometheus.NewDesc("mockroom_sandbox_runners_healthy", "Sandbox runners in the fleet that answer their health check.", nil, nil)
	descUp       = prometheus.NewDesc("mockroom_sandbox_runner_up", "1 while the sandbox runner is healthy, 0 while it is taken out.", []string{"runner"}, nil)
	descInFlight = prometheus.NewDesc("mockroom_sandbox_runner_in_flight", "Compiles and runs in flight on the sandbox runner.", []string{"runner"}, nil)
	descSteps    = prometheus.NewDesc("mockroom_sandbox_runner_steps_total", "Compiles and runs sent to the sandbox runner.", []string{"runner"}, nil)
	descRetries  = prometheus.NewDesc("mockroom_sandbox_retries_total", "Compiles and runs tried again on another runner after theirs failed to answer.", nil, nil)
)

// Describe implements prometheus.Collector.
func (f *Fleet) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descHealthy, descUp, descInFlight, descSteps, descRetries} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (f *Fleet) Collect(ch chan<- prometheus.Metric) {
	healthy := 0
	for _, s := range f.State() {
		up := 0.0
		if s.Healthy {
			up = 1
			healthy++
		}
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, up, s.Name)
		ch <- prometheus.MustNewConstMetric(descInFlight, prometheus.GaugeValue, float64(s.InFlight), s.Name)
		ch <- prometheus.MustNewConstMetric(descSteps, prometheus.CounterValue, float64(s.Steps), s.Name)
	}
	ch <- prometheus.MustNewConstMetric(descHealthy, prometheus.GaugeValue, float64(healthy))
	ch <- prometheus.MustNewConstMetric(descRetries, prometheus.CounterValue, float64(f.retries.Load()))
}
