package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/transport/realtime"
)

// server is the real mockroom binary run as a child process.
type server struct {
	t    *testing.T
	bin  string
	data string
	addr string
	cmd  *exec.Cmd
	logs lockedBuffer
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mockroom")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func (s *server) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "serve", "--addr", s.addr, "--data", s.data)
	s.cmd.Env = append(os.Environ(), "LOG_LEVEL=warn", "BASE_URL=http://"+s.addr, "SANDBOX_CACHE_DIR="+testSandboxCache)
	s.cmd.Stdout, s.cmd.Stderr = &s.logs, &s.logs
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	ready := func() bool {
		resp, err := http.Get("http://" + s.addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}
	if !testenv.Eventually(60*time.Second, ready) {
		s.t.Fatalf("server did not become ready:\n%s", s.logs.String())
	}
}

func (s *server) kill9() {
	s.cmd.Process.Signal(os.Kill) // SIGKILL: no chance to flush or drain
	s.cmd.Wait()
}

func postJSON(t *testing.T, c *http.Client, url string, body any, out any) int {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := c.Post(url, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

// TestKill9MidStreamLosesNoAcknowledgedEdit kills the server with SIGKILL in
// the middle of a stream of edits, restarts it on the same data and checks
// that everything acknowledged survived and the rest arrives on resume.
func TestKill9MidStreamLosesNoAcknowledgedEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and restarts the binary")
	}
	ok, why := local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, why)
	s := &server{t: t, bin: buildBinary(t), data: t.TempDir(), addr: freeAddr(t)}
	s.start()
	defer func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Signal(os.Interrupt)
			s.cmd.Wait()
		}
	}()
	base := "http://" + s.addr
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	if st := postJSON(t, hc, base+"/api/auth/signup", map[string]string{"email": "crash@example.com", "password": "correct horse"}, nil); st != 201 {
		t.Fatalf("signup: %d\n%s", st, s.logs.String())
	}
	var prob struct{ ID string }
	resp, err := hc.Get(base + "/api/problems/two-sum")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&prob)
	resp.Body.Close()
	var sess struct{ ID string }
	if st := postJSON(t, hc, base+"/api/sessions/start", map[string]any{"problem_id": prob.ID, "language": "python", "duration_minutes": 30}, &sess); st != 201 {
		t.Fatalf("start: %d", st)
	}
	dialWS := func() *websocket.Conn {
		var tok struct{ Token string }
		if st := postJSON(t, hc, base+"/api/realtime/token", map[string]string{"session_id": sess.ID}, &tok); st != 200 {
			t.Fatalf("token: %d", st)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, _, err := websocket.Dial(ctx, "ws://"+s.addr+"/ws", &websocket.DialOptions{Subprotocols: []string{realtime.Subprotocol, tok.Token}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	edit := func(seq int) string { return fmt.Sprintf("# edit %d\nclass Solution:\n    pass\n", seq) }

	// Stream edits without waiting for acks; kill -9 after 30 acks.
	ws := dialWS()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	lastAcked, lastSent := 0, 0
	acks := make(chan int, 1000)
	go func() {
		for {
			_, data, err := ws.Read(ctx)
			if err != nil {
				close(acks)
				return
			}
			var f struct {
				Type string
				Seq  int
			}
			json.Unmarshal(data, &f)
			if f.Type == "ack" {
				acks <- f.Seq
			}
		}
	}()
	go func() {
		for seq := 1; seq <= 100000 && ctx.Err() == nil; seq++ {
			raw, _ := json.Marshal(map[string]any{"type": "code_edit", "seq": seq, "language": "python", "code": edit(seq)})
			if ws.Write(ctx, websocket.MessageText, raw) != nil {
				return
			}
			mu.Lock()
			lastSent = seq
			mu.Unlock()
			// Not a wait for anything: the pacing is the behaviour under test,
			// a steady stream of edits for the kill to land in the middle of.
			time.Sleep(2 * time.Millisecond)
		}
	}()
	for seq := range acks {
		mu.Lock()
		if seq > lastAcked {
			lastAcked = seq
		}
		n := lastAcked
		mu.Unlock()
		if n >= 30 {
			break
		}
	}
	s.kill9()
	cancel()
	for seq := range acks { // acks that were already on the wire still count
		if seq > lastAcked {
			lastAcked = seq
		}
	}
	mu.Lock()
	sent := lastSent
	mu.Unlock()
	if sent <= lastAcked {
		t.Fatalf("the kill came after the stream ended (sent %d, acked %d); nothing was in flight", sent, lastAcked)
	}

	s.start()
	var view struct {
		Code    string
		LastSeq int `json:"last_acked_seq"`
	}
	resp, err = hc.Get(base + "/api/sessions/" + sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&view)
	resp.Body.Close()
	// Durable is at least everything acknowledged, and always exactly one
	// whole edit the client sent (an edit may have committed with its ack
	// still unsent when the process died).
	if view.LastSeq < lastAcked || view.LastSeq > sent || view.Code != edit(view.LastSeq) {
		t.Fatalf("after kill -9: stored seq %d with code %q; client acked %d, sent %d", view.LastSeq, view.Code, lastAcked, sent)
	}

	// The client resumes and re-sends what the server lacks.
	ws = dialWS()
	defer ws.CloseNow()
	rctx, rcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer rcancel()
	raw, _ := json.Marshal(map[string]any{"type": "resume", "last_acked_seq": lastAcked})
	ws.Write(rctx, websocket.MessageText, raw)
	var state struct {
		Type    string
		LastSeq int `json:"last_acked_seq"`
	}
	for state.Type != "session_state" {
		_, data, err := ws.Read(rctx)
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(data, &state)
	}
	for seq := state.LastSeq + 1; seq <= sent; seq++ {
		raw, _ := json.Marshal(map[string]any{"type": "code_edit", "seq": seq, "language": "python", "code": edit(seq)})
		ws.Write(rctx, websocket.MessageText, raw)
	}
	for got := state.LastSeq; got < sent; {
		_, data, err := ws.Read(rctx)
		if err != nil {
			t.Fatalf("waiting for acks up to %d (at %d): %v", sent, got, err)
		}
		var f struct {
			Type string
			Seq  int
		}
		json.Unmarshal(data, &f)
		if f.Type == "ack" {
			got = f.Seq
		}
	}
	resp, _ = hc.Get(base + "/api/sessions/" + sess.ID)
	json.NewDecoder(resp.Body).Decode(&view)
	resp.Body.Close()
	if view.Code != edit(sent) || view.LastSeq != sent {
		t.Fatalf("after resume the server has seq %d %q, want %d", view.LastSeq, view.Code, sent)
	}
	if strings.Contains(s.logs.String(), "panic") {
		t.Fatalf("server panicked:\n%s", s.logs.String())
	}
}
