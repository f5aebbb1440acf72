package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
	"github.com/mockroom/mockroom/transport/realtime"
)

// TestServeCutsSlowClientsButNotSockets runs the real server with small
// read timeouts: a client dribbling its headers or its body is cut off after
// the timeout (500 of them once held the server for minutes), while an open
// interview socket, whose connection the same timeout would also cut,
// outlives it. /metrics moves to METRICS_ADDR behind METRICS_TOKEN.
func TestServeCutsSlowClientsButNotSockets(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, why)
	const readTimeout = 600 * time.Millisecond
	const metricsToken = "metrics-token-0123456789"
	cfg, err := loadConfig("127.0.0.1:0", t.TempDir(), envOf(map[string]string{
		"HTTP_READ_HEADER_TIMEOUT": "600ms", "HTTP_READ_TIMEOUT": "600ms",
		"METRICS_ADDR": "127.0.0.1:0", "METRICS_TOKEN": metricsToken,
	}))
	if err != nil {
		t.Fatal(err)
	}
	base, logs, _ := startServe(t, cfg)
	addr := strings.TrimPrefix(base, "http://")

	// A slow client is cut off within a few timeouts, not held for minutes.
	for name, send := range map[string]string{
		"headers": "GET /healthz HTTP/1.1\r\nHost: x\r\n",
		"body":    "POST /api/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{",
	} {
		t.Run("slow "+name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			start := time.Now()
			c.Write([]byte(send))
			stop := make(chan struct{})
			go func() { // one more byte every 100 ms: never idle, never done
				for {
					select {
					case <-stop:
						return
					case <-time.After(100 * time.Millisecond):
						if _, err := c.Write([]byte("x")); err != nil {
							return
						}
					}
				}
			}()
			// The first read returns once the server answers or closes.
			c.SetReadDeadline(time.Now().Add(20 * time.Second))
			buf := make([]byte, 4096)
			n, err := c.Read(buf)
			close(stop)
			if err != nil && err != io.EOF && !strings.Contains(err.Error(), "reset") {
				t.Fatalf("reading: %v", err)
			}
			if took := time.Since(start); took > 10*readTimeout {
				t.Fatalf("the slow client was held %v", took)
			}
			if name == "body" && !strings.Contains(string(buf[:n]), `"code":"slow_body"`) {
				rest, _ := io.ReadAll(c)
				if !strings.Contains(string(buf[:n])+string(rest), `"code":"slow_body"`) {
					t.Fatalf("the slow body got %q", string(buf[:n])+string(rest))
				}
			}
		})
	}

	// An interview socket outlives the read timeout.
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	post := func(path string, body any, out any) int {
		t.Helper()
		raw, _ := json.Marshal(body)
		resp, err := hc.Post(base+path, "application/json", bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	post("/api/auth/signup", map[string]string{"email": "slow@example.com", "password": "correct horse"}, nil)
	var p, s struct{ ID string }
	resp, err := hc.Get(base + "/api/problems/two-sum")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if st := post("/api/sessions/start", map[string]any{"problem_id": p.ID, "language": "python", "duration_minutes": 30}, &s); st != 201 {
		t.Fatalf("start: %d", st)
	}
	var tok struct{ Token string }
	post("/api/realtime/token", map[string]string{"session_id": s.ID}, &tok)
	wctx, wcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer wcancel()
	ws, _, err := websocket.Dial(wctx, "ws://"+addr+"/ws", &websocket.DialOptions{Subprotocols: []string{realtime.Subprotocol, tok.Token}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	// The point is the time passing: without clearing the server's deadline,
	// the hijacked connection would fail its next read.
	time.Sleep(3 * readTimeout)
	ws.Write(wctx, websocket.MessageText, []byte(`{"type":"code_edit","seq":1,"language":"python","code":"x = 1"}`))
	for {
		_, data, err := ws.Read(wctx)
		if err != nil {
			t.Fatalf("the socket died after the read timeout: %v", err)
		}
		if bytes.Contains(data, []byte(`"type":"ack"`)) {
			break
		}
	}

	// /metrics: gone from ADDR, on METRICS_ADDR behind the token.
	get := func(url, auth string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(bufio.NewReader(resp.Body))
		return resp.StatusCode, string(body)
	}
	if st, _ := get(base+"/metrics", "Bearer "+metricsToken); st != 404 {
		t.Fatalf("/metrics on ADDR: %d", st)
	}
	m := regexp.MustCompile(`"msg":"metrics listening","addr":"([^"]+)"`).FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("no metrics listener in the logs:\n%s", logs)
	}
	if st, _ := get("http://"+m[1]+"/metrics", ""); st != 401 {
		t.Fatalf("/metrics without the token: %d", st)
	}
	if st, body := get("http://"+m[1]+"/metrics", "Bearer "+metricsToken); st != 200 || !strings.Contains(body, "mockroom_http_requests_total") {
		t.Fatalf("/metrics with the token: %d %.200s", st, body)
	}
}
