package realtime_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/voice"
	"github.com/mockroom/mockroom/voice/openairt"
	"github.com/mockroom/mockroom/voice/pcm"
	"github.com/mockroom/mockroom/voice/relay"
	"github.com/mockroom/mockroom/voice/voicetest"
	"github.com/mockroom/mockroom/voice/voicetest/openaifake"
)

// BenchmarkVoiceRelay measures what our voice relay adds to each 20 ms
// audio frame. MOCKROOM_VOICE_SESSIONS sessions (default 100: what a
// 2-core machine carries with the fake and the clients in the same process,
// see docs/benchmarks.md; 500 saturates it) stream for
// MOCKROOM_VOICE_SECONDS (default 20): each sends 50 microphone frames a
// second and the loopback OpenAI Realtime fake answers with 20 ms deltas in
// real time, so both directions carry 50 frames a second per session. The
// same fake is measured twice in one run: first as the baseline, with
// clients (the openairt adapter) connected to it directly, then through the
// server (browser socket → hub → relay → adapter → fake and back). Every
// frame carries its send time in its first bytes; the difference of the
// two trip-time distributions is the relay's cost per frame. Memory and
// CPU are the whole process's (server, fake and in-process clients), per
// session, so the relayed figures are an upper bound for the server and the
// difference from the baseline is what the relay, the hub and the
// browser-side sockets add. One iteration whatever b.N: run it with
// -benchtime 1x.
func BenchmarkVoiceRelay(b *testing.B) {
	sessions := envInt("MOCKROOM_VOICE_SESSIONS", 100)
	seconds := envInt("MOCKROOM_VOICE_SECONDS", 20)
	r := runVoiceBench(b, sessions, time.Duration(seconds)*time.Second, 3*time.Second)
	b.StopTimer()
	b.Log(r.table())
	b.ReportMetric(float64(sessions), "sessions")
	for _, m := range []struct {
		name string
		d    time.Duration
	}{
		{"up_added_p50_ms", r.relayed.up.pct(.5) - r.direct.up.pct(.5)},
		{"up_added_p99_ms", r.relayed.up.pct(.99) - r.direct.up.pct(.99)},
		{"down_added_p50_ms", r.relayed.down.pct(.5) - r.direct.down.pct(.5)},
		{"down_added_p99_ms", r.relayed.down.pct(.99) - r.direct.down.pct(.99)},
		{"up_direct_p99_ms", r.direct.up.pct(.99)},
		{"down_direct_p99_ms", r.direct.down.pct(.99)},
	} {
		b.ReportMetric(ms(m.d), m.name)
	}
	b.ReportMetric(r.relayed.memPerSession(), "MB/session")
	b.ReportMetric(r.direct.memPerSession(), "direct_MB/session")
	b.ReportMetric(r.relayed.cpuPerSessionSecond(), "cpu_ms/session-s")
	b.ReportMetric(r.relayed.cores(), "cores_busy")
	b.ReportMetric(r.direct.cpuPerSessionSecond(), "direct_cpu_ms/session-s")
	b.ReportMetric(r.relayed.fps(r.relayed.down), "down_frames/s/session")
	b.ReportMetric(r.relayed.fps(r.relayed.up), "up_frames/s/session")
	if err := r.err(); err != nil {
		b.Fatal(err)
	}
}

// The benchmark's body, small: frames flow both ways in both setups and
// every figure is measured, so `make bench` cannot rot unnoticed.
func TestVoiceRelayBenchSmoke(t *testing.T) {
	r := runVoiceBench(t, 3, time.Second, 300*time.Millisecond)
	t.Log(r.table())
	if err := r.err(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*benchPhase{r.direct, r.relayed} {
		// 50 frames a second each way; the race detector and a busy
		// machine slow the timers, but frames keep flowing.
		for dir, h := range map[string]*tripHist{"up": p.up, "down": p.down} {
			if fps := p.fps(h); fps < 10 || fps > 60 {
				t.Errorf("%s %s: %.1f frames a second per session; want about 50 (at least 10 on a loaded machine)", p.name, dir, fps)
			}
			if h.pct(.99) <= 0 {
				t.Errorf("%s %s: no trip time measured", p.name, dir)
			}
		}
		if p.cpu <= 0 || p.elapsed <= 0 {
			t.Errorf("%s: cpu %v over %v", p.name, p.cpu, p.elapsed)
		}
	}
}

// frameMS is the audio of one frame either way: what a browser sends and plays.
const frameMS = 20

// benchResult is one run: the baseline and the relayed phase.
type benchResult struct {
	sessions        int
	direct, relayed *benchPhase
}

// benchPhase is what one phase measured.
type benchPhase struct {
	name     string
	sessions int
	up, down *tripHist
	elapsed  time.Duration // the measured window
	cpu      time.Duration // process CPU over the window
	mem      int64         // heap and stacks added by the phase's sessions
	st       stamper
	errs     atomic.Int64
	firstErr atomic.Value // string
}

func (p *benchPhase) fail(format string, args ...any) {
	if p.errs.Add(1) == 1 {
		p.firstErr.Store(fmt.Sprintf(format, args...))
	}
}

func (p *benchPhase) fps(h *tripHist) float64 {
	return float64(h.count()) / float64(p.sessions) / p.elapsed.Seconds()
}

func (p *benchPhase) memPerSession() float64 { return float64(p.mem) / float64(p.sessions) / 1e6 }

func (p *benchPhase) cpuPerSessionSecond() float64 {
	return ms(p.cpu) / float64(p.sessions) / p.elapsed.Seconds()
}

// cores is how many CPUs the process kept busy over the window.
func (p *benchPhase) cores() float64 { return p.cpu.Seconds() / p.elapsed.Seconds() }

func (r *benchResult) err() error {
	for _, p := range []*benchPhase{r.direct, r.relayed} {
		if n := p.errs.Load(); n > 0 {
			return fmt.Errorf("%s: %d errors, the first: %v", p.name, n, p.firstErr.Load())
		}
	}
	return nil
}

func (r *benchResult) table() string {
	var b strings.Builder
	// Ten lines at most: the testing package trims a benchmark's log.
	title := fmt.Sprintf("%d sessions, %v", r.sessions, r.relayed.elapsed.Round(10*time.Millisecond))
	fmt.Fprintf(&b, "%-21s %8s %8s %8s %8s %10s\n", title, "p50 ms", "p95 ms", "p99 ms", "max ms", "frames/s/s")
	for _, d := range []struct {
		name         string
		direct, relv *tripHist
	}{{"up", r.direct.up, r.relayed.up}, {"down", r.direct.down, r.relayed.down}} {
		fmt.Fprintf(&b, "%-5s %-15s %8.2f %8.2f %8.2f %8.2f %10.1f\n", d.name, "direct", ms(d.direct.pct(.5)), ms(d.direct.pct(.95)), ms(d.direct.pct(.99)), ms(d.direct.max()), r.direct.fps(d.direct))
		fmt.Fprintf(&b, "%-5s %-15s %8.2f %8.2f %8.2f %8.2f %10.1f\n", d.name, "relayed", ms(d.relv.pct(.5)), ms(d.relv.pct(.95)), ms(d.relv.pct(.99)), ms(d.relv.max()), r.relayed.fps(d.relv))
		fmt.Fprintf(&b, "%-5s %-15s %8.2f %8.2f %8.2f\n", d.name, "added", ms(d.relv.pct(.5)-d.direct.pct(.5)), ms(d.relv.pct(.95)-d.direct.pct(.95)), ms(d.relv.pct(.99)-d.direct.pct(.99)))
	}
	fmt.Fprintf(&b, "memory MB/session (heap+stacks, whole process): direct %.3f, relayed %.3f, added %.3f\n",
		r.direct.memPerSession(), r.relayed.memPerSession(), r.relayed.memPerSession()-r.direct.memPerSession())
	fmt.Fprintf(&b, "CPU ms per session-second (whole process): direct %.3f, relayed %.3f, added %.3f (cores busy: %.2f, %.2f of %d)\n",
		r.direct.cpuPerSessionSecond(), r.relayed.cpuPerSessionSecond(), r.relayed.cpuPerSessionSecond()-r.direct.cpuPerSessionSecond(),
		r.direct.cores(), r.relayed.cores(), runtime.GOMAXPROCS(0))
	return strings.TrimSuffix(b.String(), "\n")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// tripHist counts frame trips in 10 µs buckets up to a second; safe for
// concurrent use.
type tripHist struct {
	buckets [100_000]atomic.Int64
	over    atomic.Int64
	n       atomic.Int64
	top     atomic.Int64
}

const tripBucket = 10 * time.Microsecond

func (h *tripHist) add(d time.Duration) {
	d = max(d, 0)
	h.n.Add(1)
	if i := int(d / tripBucket); i < len(h.buckets) {
		h.buckets[i].Add(1)
	} else {
		h.over.Add(1)
	}
	for t := h.top.Load(); int64(d) > t && !h.top.CompareAndSwap(t, int64(d)); t = h.top.Load() {
	}
}

func (h *tripHist) count() int64 { return h.n.Load() }

func (h *tripHist) max() time.Duration { return time.Duration(h.top.Load()) }

// pct is the p-quantile, to the bucket's middle (the maximum past a second).
func (h *tripHist) pct(p float64) time.Duration {
	n := h.n.Load()
	if n == 0 {
		return 0
	}
	rank := int64(p*float64(n-1)) + 1
	var seen int64
	for i := range h.buckets {
		if seen += h.buckets[i].Load(); seen >= rank {
			return time.Duration(i)*tripBucket + tripBucket/2
		}
	}
	return h.max()
}

// stamper writes and reads the send time a frame carries in its first 8
// bytes (nanoseconds since the run began, on the monotonic clock).
type stamper struct{ epoch time.Time }

func (s stamper) stamp(frame []byte) {
	if len(frame) >= 8 {
		binary.LittleEndian.PutUint64(frame, uint64(time.Since(s.epoch)))
	}
}

func (s stamper) trip(frame []byte) (time.Duration, bool) {
	if len(frame) < 8 {
		return 0, false
	}
	return time.Since(s.epoch) - time.Duration(binary.LittleEndian.Uint64(frame)), true
}

// runVoiceBench runs the baseline, then the relayed phase, each with n
// sessions streaming for warmup and then for the measured window.
func runVoiceBench(tb testing.TB, n int, window, warmup time.Duration) *benchResult {
	st := stamper{time.Now()}
	res := &benchResult{sessions: n,
		direct:  &benchPhase{name: "direct", sessions: n, up: new(tripHist), down: new(tripHist), st: st},
		relayed: &benchPhase{name: "relayed", sessions: n, up: new(tripHist), down: new(tripHist), st: st}}
	// The fake times appends for the phase being measured.
	var upSink atomic.Pointer[tripHist]

	// Every answer outlasts a phase (one cached audio for all of them);
	// a client that sees one end anyway asks for the next.
	answerMS := int(warmup+window)/int(time.Millisecond) + 20_000
	line := strings.Repeat("I would keep a hash map from each value to its index. ", answerMS/voicetest.MSPerChar/54+1)
	script := make([]string, 3*n+10)
	for i := range script {
		script[i] = line
	}
	fake := openaifake.New(openaifake.Options{Script: script, Pace: 1, DeltaMS: frameMS, MarkDelta: st.stamp,
		OnAppend: func(pcm []byte) {
			if h := upSink.Load(); h != nil {
				if d, ok := st.trip(pcm); ok {
					h.add(d)
				}
			}
		}})
	tb.Cleanup(fake.Close)
	provider := openairt.New(openairt.Config{APIKey: openaifake.DefaultKey, BaseURL: fake.URL()})

	app := apptest.New(tb, apptest.Options{Problems: true, Interview: interview.Config{MaxActive: n + 10},
		Voice: &relay.Config{Providers: map[string]voice.Provider{provider.Name(): provider}, Order: []string{provider.Name()}}})
	uid := app.Client().Signup("voice-bench@example.com")
	actx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	if _, err := app.DB.AddCredits(actx, uid, n, "bonus", "", "voice bench"); err != nil {
		tb.Fatal(err)
	}
	pid := app.ProblemID("two-sum")
	ids := make([]string, n)
	for i := range ids {
		s, err := app.Interviews.Start(actx, uid, pid, "python", 60)
		if err != nil {
			tb.Fatal(err)
		}
		ids[i] = s.ID
	}
	// The baseline's clients get the briefing the relay gives the model.
	vc, err := app.Interviews.VoiceContext(actx, uid, ids[0])
	if err != nil {
		tb.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	openDirect := func(i int) benchSession {
		cctx, ccancel := context.WithTimeout(ctx, 30*time.Second)
		defer ccancel()
		conn, err := provider.Connect(cctx, voice.Setup{SessionID: ids[i], Instructions: vc.Instructions, PushToTalk: true})
		if err != nil {
			res.direct.fail("connect %d: %v", i, err)
			return nil
		}
		return &directSession{conn: conn, p: res.direct}
	}
	openRelayed := func(i int) benchSession {
		s, err := openRoom(ctx, app, uid, ids[i])
		if err != nil {
			res.relayed.fail("room %d: %v", i, err)
			return nil
		}
		s.p = res.relayed
		return s
	}
	// What the process does once (the fake's answer audio, pools, caches)
	// is no phase's cost per session.
	prime(tb, openDirect(0))
	prime(tb, openRelayed(0))
	benchWait(tb, "the priming sessions to end", func() bool { return app.Voice.Active() == 0 && fake.Connections() == 0 })

	// Baseline: the adapter straight to the fake; then a browser socket
	// per session through the hub and the relay.
	measure(tb, res.direct, &upSink, warmup, window, n, openDirect)
	benchWait(tb, "the fake's connections to close", func() bool { return fake.Connections() == 0 })
	measure(tb, res.relayed, &upSink, warmup, window, n, openRelayed)
	benchWait(tb, "the relay's calls to end", func() bool { return app.Voice.Active() == 0 })
	benchWait(tb, "the fake's connections to close", func() bool { return fake.Connections() == 0 })
	return res
}

// benchSession is one session's client in either phase.
type benchSession interface {
	// read receives until the session ends, recording downstream trips
	// into h while measuring is set; first is called on the first frame.
	read(h *tripHist, measuring *atomic.Bool, first func())
	sendAudio(frame []byte) error
	commit() error
	// stop ends the session; read returns.
	stop()
}

// measure opens the phase's sessions, streams, measures the window, and
// closes them.
func measure(tb testing.TB, p *benchPhase, upSink *atomic.Pointer[tripHist], warmup, window time.Duration, n int, connect func(i int) benchSession) {
	tb.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	sessions := make([]benchSession, n)
	parallel(n, func(i int) { sessions[i] = connect(i) })
	for i, s := range sessions {
		if s == nil {
			tb.Fatalf("%s: session %d did not open: %v", p.name, i, p.firstErr.Load())
		}
	}

	var measuring atomic.Bool
	var started sync.WaitGroup
	var readers, senders sync.WaitGroup
	halt := make(chan struct{})
	started.Add(len(sessions))
	begin := time.Now()
	for i, s := range sessions {
		readers.Add(1)
		go func() {
			defer readers.Done()
			var once sync.Once
			s.read(p.down, &measuring, func() { once.Do(started.Done) })
		}()
		senders.Add(1)
		go func() {
			defer senders.Done()
			// Spread the sessions' frames evenly over the 20 ms period, as
			// independent microphones would be.
			select {
			case <-halt:
				return
			case <-time.After(time.Until(begin.Add(time.Duration(i) * frameMS * time.Millisecond / time.Duration(len(sessions))))):
			}
			tick := time.NewTicker(frameMS * time.Millisecond)
			defer tick.Stop()
			frame := pcm.Silence(24000, frameMS)
			for k := 1; ; k++ {
				p.st.stamp(frame)
				if err := s.sendAudio(frame); err != nil {
					p.fail("sending audio: %v", err)
					return
				}
				if k == 10 { // 200 ms of speech, then the turn ends (push-to-talk)
					if err := s.commit(); err != nil {
						p.fail("commit: %v", err)
						return
					}
				}
				select {
				case <-halt:
					return
				case <-tick.C:
				}
			}
		}()
	}
	allStarted := make(chan struct{})
	go func() { started.Wait(); close(allStarted) }()
	select {
	case <-allStarted:
	case <-time.After(60 * time.Second):
		tb.Fatalf("%s: not every session got answer audio within 60 s: %v", p.name, p.firstErr.Load())
	}
	time.Sleep(warmup) // not a wait for a condition: the load settling is what precedes the measurement

	cpu0 := processCPU()
	t0 := time.Now()
	upSink.Store(p.up)
	measuring.Store(true)
	time.Sleep(window)
	measuring.Store(false)
	upSink.Store(nil)
	p.elapsed = time.Since(t0)
	p.cpu = processCPU() - cpu0

	// Everything still streams: what the sessions hold now is their cost.
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	p.mem = int64(after.HeapInuse+after.StackInuse) - int64(before.HeapInuse+before.StackInuse)

	close(halt)
	senders.Wait()
	parallel(len(sessions), func(i int) { sessions[i].stop() })
	readers.Wait()
}

// prime runs one session until its first answer audio.
func prime(tb testing.TB, s benchSession) {
	tb.Helper()
	if s == nil {
		tb.Fatal("the priming session did not open")
	}
	got := make(chan struct{})
	done := make(chan struct{})
	var once sync.Once
	go func() {
		defer close(done)
		s.read(nil, new(atomic.Bool), func() { once.Do(func() { close(got) }) })
	}()
	frame := pcm.Silence(24000, frameMS)
	for range 10 {
		s.sendAudio(frame)
		time.Sleep(frameMS * time.Millisecond) // a microphone's pace
	}
	s.commit()
	select {
	case <-got:
	case <-time.After(30 * time.Second):
		tb.Fatal("the priming session got no answer audio within 30 s")
	}
	s.stop()
	<-done
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// parallel runs f(0..n-1) eight at a time.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(8, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func benchWait(tb testing.TB, what string, ok func() bool) {
	tb.Helper()
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	tb.Fatalf("%s: not within 60 s", what)
}

// directSession is a client of the fake through the openairt adapter.
type directSession struct {
	conn voice.Conn
	p    *benchPhase
}

func (s *directSession) sendAudio(frame []byte) error { return s.conn.SendAudio(frame) }
func (s *directSession) commit() error                { return s.conn.Commit() }
func (s *directSession) stop()                        { s.conn.Close() }

func (s *directSession) read(h *tripHist, measuring *atomic.Bool, first func()) {
	for ev := range s.conn.Events() {
		switch ev.Kind {
		case voice.Audio:
			first()
			if d, ok := s.p.st.trip(ev.Audio); ok && measuring.Load() {
				h.add(d)
			}
		case voice.AnswerDone:
			s.conn.Commit() // the next answer (the mic has kept sending)
		case voice.Warning:
			s.p.fail("provider warning: %v", ev.Err)
		}
	}
	if err := s.conn.Err(); err != nil {
		s.p.fail("connection: %v", err)
	}
}

// roomSession is a browser's socket to the hub with voice on.
type roomSession struct {
	ws       *websocket.Conn
	ctx      context.Context
	cancel   context.CancelFunc
	p        *benchPhase
	stopping atomic.Bool   // voice.stop was sent: voice going off is expected
	off      chan struct{} // closed when the reader sees voice go off
}

// openRoom dials the session's room and starts voice (push-to-talk).
func openRoom(ctx context.Context, app *apptest.App, uid, id string) (*roomSession, error) {
	actx := mockroom.WithActor(ctx, mockroom.Actor{Role: mockroom.RoleUser, UserID: uid})
	tok, _, err := app.Hub.IssueToken(actx, uid, id)
	if err != nil {
		return nil, err
	}
	rctx, cancel := context.WithCancel(ctx)
	ws, err := app.Dial(rctx, "", realtime.Subprotocol, tok)
	if err != nil {
		cancel()
		return nil, err
	}
	s := &roomSession{ws: ws, ctx: rctx, cancel: cancel, off: make(chan struct{})}
	if err := s.control(realtime.TypeVoiceStart, true); err != nil {
		s.stop()
		return nil, err
	}
	sctx, scancel := context.WithTimeout(rctx, 30*time.Second)
	defer scancel()
	for {
		_, data, err := ws.Read(sctx)
		if err != nil {
			s.stop()
			return nil, fmt.Errorf("waiting for voice: %w", err)
		}
		var f struct{ Type, Status, Reason, Code, Message string }
		json.Unmarshal(data, &f)
		switch {
		case f.Type == realtime.TypeVoiceState && f.Status == relay.StatusLive:
			return s, nil
		case f.Type == realtime.TypeError || f.Type == realtime.TypeVoiceState && f.Status == relay.StatusOff:
			s.stop()
			return nil, fmt.Errorf("voice.start: %s", data)
		}
	}
}

func (s *roomSession) control(typ string, ptt bool) error {
	m := map[string]any{"type": typ}
	if ptt {
		m["push_to_talk"] = true
	}
	raw, _ := json.Marshal(m)
	return s.ws.Write(s.ctx, websocket.MessageText, raw)
}

func (s *roomSession) sendAudio(frame []byte) error {
	return s.ws.Write(s.ctx, websocket.MessageBinary, frame)
}

func (s *roomSession) commit() error { return s.control(realtime.TypeAudioCommit, false) }

// stop turns voice off (the relay records the call and closes the
// model's connection) and closes the socket once voice is off: closing a
// socket with audio still unread resets it, and the voice.stop with it.
func (s *roomSession) stop() {
	if s.stopping.CompareAndSwap(false, true) && s.control(realtime.TypeVoiceStop, false) == nil {
		select {
		case <-s.off:
		case <-time.After(10 * time.Second):
			s.p.fail("voice.stop: voice still on after 10 s")
		}
	}
	s.cancel()
	s.ws.CloseNow()
}

func (s *roomSession) read(h *tripHist, measuring *atomic.Bool, first func()) {
	var buf bytes.Buffer
	for {
		typ, r, err := s.ws.Reader(s.ctx)
		if err == nil {
			buf.Reset()
			_, err = buf.ReadFrom(r)
		}
		if err != nil {
			return
		}
		if typ == websocket.MessageBinary {
			first()
			if d, ok := s.p.st.trip(buf.Bytes()); ok && measuring.Load() {
				h.add(d)
			}
			continue
		}
		var f struct{ Type, Status, Speaker, State string }
		json.Unmarshal(buf.Bytes(), &f)
		switch {
		case s.stopping.Load():
			if f.Type == realtime.TypeVoiceState && f.Status == relay.StatusOff {
				close(s.off)
				return
			}
		case f.Type == realtime.TypeError:
			s.p.fail("error frame %s", buf.Bytes())
		case f.Type == realtime.TypeVoiceState && f.Status != relay.StatusLive:
			s.p.fail("voice went %s: %s", f.Status, buf.Bytes())
		case f.Type == realtime.TypeVoiceAct && f.Speaker == interview.SpeakerInterviewer && f.State == "stopped":
			s.commit() // the next answer (the mic has kept sending)
		}
	}
}
