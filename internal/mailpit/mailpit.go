// Package mailpit runs a real Mailpit SMTP server for a test, on free
// loopback ports, and reads what it caught through its HTTP API.
package mailpit

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
)

// Server is one Mailpit process.
type Server struct {
	t       testing.TB
	SMTPURL string // smtp://127.0.0.1:PORT
	API     string // http://127.0.0.1:PORT
}

// Message is a caught e-mail.
type Message struct {
	ID      string
	To      string
	Subject string
	Text    string
}

func freePort(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Start runs Mailpit until the test ends (skip-or-fail when it is missing).
func Start(t testing.TB) *Server {
	t.Helper()
	bin := testenv.NeedMailpit(t)
	smtpAddr, httpAddr := freePort(t), freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--smtp", smtpAddr, "--listen", httpAddr, "--quiet",
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--disable-version-check")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting mailpit: %v", err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	s := &Server{t: t, SMTPURL: "smtp://" + smtpAddr, API: "http://" + httpAddr}
	deadline := time.Now().Add(20 * time.Second)
	for !(testenv.Reachable(smtpAddr) && s.ready()) {
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start within 20 s: %s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s
}

func (s *Server) ready() bool {
	resp, err := http.Get(s.API + "/api/v1/info")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (s *Server) getJSON(path string, v any) error {
	resp, err := http.Get(s.API + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Messages returns every message caught for to (all when to is ""),
// newest first.
func (s *Server) Messages(to string) []Message {
	s.t.Helper()
	var list struct {
		Messages []struct {
			ID      string
			Subject string
			To      []struct{ Address string }
		} `json:"messages"`
	}
	q := "/api/v1/messages?limit=500"
	if to != "" {
		q = "/api/v1/search?limit=500&query=" + url.QueryEscape("to:"+to)
	}
	if err := s.getJSON(q, &list); err != nil {
		s.t.Fatalf("mailpit: %v", err)
	}
	var out []Message
	for _, m := range list.Messages {
		if to != "" && (len(m.To) == 0 || !strings.EqualFold(m.To[0].Address, to)) {
			continue
		}
		var full struct{ Text string }
		if err := s.getJSON("/api/v1/message/"+m.ID, &full); err != nil {
			s.t.Fatalf("mailpit: %v", err)
		}
		msg := Message{ID: m.ID, Subject: m.Subject, Text: full.Text}
		if len(m.To) > 0 {
			msg.To = m.To[0].Address
		}
		out = append(out, msg)
	}
	return out
}

// Wait returns the n-th message (1-based) for to, waiting up to 10 s for it.
func (s *Server) Wait(to string, n int) Message {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if ms := s.Messages(to); len(ms) >= n {
			return ms[len(ms)-n] // newest first
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("mailpit: no message %d for %s within 10 s", n, to)
		}
		time.Sleep(25 * time.Millisecond)
	}
}
