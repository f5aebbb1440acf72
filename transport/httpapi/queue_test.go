package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/transport/realtime"
)

// gatedRunner holds every compile in the real sandbox until the gate opens,
// so that a test knows which runs are in flight.
type gatedRunner struct {
	sandbox.Runner
	entered chan struct{}
	gate    chan struct{}
}

func (g *gatedRunner) Compile(ctx context.Context, p sandbox.Program, lim sandbox.Limits) (*sandbox.Build, error) {
	g.entered <- struct{}{}
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.Runner.Compile(ctx, p, lim)
}

// frames reads a WebSocket's frames in the background.
func frames(t *testing.T, app *apptest.App, token string) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	conn, err := app.Dial(ctx, "", realtime.Subprotocol, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	resume, _ := json.Marshal(realtime.Resume{Type: realtime.TypeResume})
	if err := conn.Write(ctx, websocket.MessageText, resume); err != nil {
		t.Fatal(err)
	}
	out := make(chan map[string]any, 64)
	go func() {
		defer close(out)
		for {
			_, data, err := conn.Read(ctx)
			if err != nil {
				return
			}
			var m map[string]any
			if json.Unmarshal(data, &m) == nil {
				out <- m
			}
		}
	}()
	return out
}

// nextOf returns the next frame of type typ, skipping others (timers...).
func nextOf(t *testing.T, fr <-chan map[string]any, typ string) map[string]any {
	t.Helper()
	for {
		select {
		case m, ok := <-fr:
			if !ok {
				t.Fatalf("the socket closed while waiting for %s", typ)
			}
			if m["type"] == typ {
				return m
			}
		case <-time.After(time.Minute):
			t.Fatalf("no %s frame", typ)
		}
	}
}

// TestExecutionQueueOverHTTPAndWebSocket: with one run in the sandbox and a
// queue of two, a waiting candidate's room hears its place over the
// socket, a run over the queue is refused with 429 judge_busy and a
// Retry-After, a cancelled request leaves the queue, and the waiting run
// goes on once the sandbox is free.
func TestExecutionQueueOverHTTPAndWebSocket(t *testing.T) {
	gr := &gatedRunner{entered: make(chan struct{}, 8), gate: make(chan struct{})}
	q := admission.NewMemory(admission.Limits{MaxConcurrent: 1, MaxPerUser: 1, MaxQueue: 2, MaxWait: time.Minute})
	app := apptest.New(t, apptest.Options{Problems: true, Admission: q, Runner: func(r sandbox.Runner) sandbox.Runner { gr.Runner = r; return gr }})
	type cand struct {
		c  *apptest.Client
		id string
	}
	var cs []cand
	for _, email := range []string{"first@example.com", "waits@example.com", "leaves@example.com", "late@example.com"} {
		c := app.Client()
		c.Signup(email)
		cs = append(cs, cand{c, c.Start("two-sum", "python")})
	}
	first, waits, leaves, late := cs[0], cs[1], cs[2], cs[3]
	body := map[string]any{"code": twoSumPython, "mode": "run"}
	execute := func(ctx context.Context, k cand) (int, error) {
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequestWithContext(ctx, "POST", app.Server.URL+"/api/sessions/"+k.id+"/execute", bytes.NewReader(raw))
		req.Header.Set("Content-Type", "application/json")
		resp, err := k.c.HTTP.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s (queue %+v)", what, q.Stats())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	room := frames(t, app, waits.c.Token(waits.id))
	nextOf(t, room, realtime.TypeSessionState)

	done := map[string]chan int{}
	for _, k := range []cand{first, waits} {
		ch := make(chan int, 1)
		done[k.id] = ch
		go func() {
			status, err := execute(context.Background(), k)
			if err != nil {
				t.Error(err)
			}
			ch <- status
		}()
		if k == first {
			<-gr.entered // the first run holds the sandbox
		}
	}
	if f := nextOf(t, room, realtime.TypeQueued); f["ahead"] != 0.0 || f["running"] != false || f["mode"] != "run" {
		t.Fatalf("first queue frame = %v, want ahead 0, not running, mode run", f)
	}

	leaveCtx, leave := context.WithCancel(context.Background())
	left := make(chan error, 1)
	go func() { _, err := execute(leaveCtx, leaves); left <- err }()
	waitFor("two runs to wait", func() bool { return q.Stats().Waiting == 2 })

	r := late.c.Do("POST", "/api/sessions/"+late.id+"/execute", body)
	if r.Status != http.StatusTooManyRequests || r.ErrCode(t) != "judge_busy" {
		t.Fatalf("a run over the queue: %d %s, want 429 judge_busy", r.Status, r.Body)
	}
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
		t.Fatalf("Retry-After = %q, want whole seconds", r.Header.Get("Retry-After"))
	}

	leave()
	if err := <-left; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled request: %v", err)
	}
	waitFor("the cancelled run to leave the queue", func() bool { return q.Stats().Waiting == 1 })

	close(gr.gate)
	if f := nextOf(t, room, realtime.TypeQueued); f["running"] != true {
		t.Fatalf("queue frame on admission = %v, want running", f)
	}
	if f := nextOf(t, room, realtime.TypeExecution); f["mode"] != "run" {
		t.Fatalf("execution result = %v", f)
	}
	for _, k := range []cand{first, waits} {
		if status := <-done[k.id]; status != http.StatusOK {
			t.Fatalf("a queued run answered %d, want 200", status)
		}
	}
	if s := q.Stats(); s != (admission.Stats{}) {
		t.Fatalf("after every run: %+v, want an empty queue", s)
	}
}
