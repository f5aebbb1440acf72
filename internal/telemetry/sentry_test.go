package telemetry_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/telemetry"
	"github.com/mockroom/mockroom/transport/httpapi"
)

// sentryServer is a loopback Sentry: it accepts envelopes as sentry.io
// does and keeps each event and the raw bytes it came in.
type sentryServer struct {
	*httptest.Server
	mu     sync.Mutex
	events []sentryEvent
	raw    bytes.Buffer
}

type sentryEvent struct {
	Level     string            `json:"level"`
	Message   string            `json:"message"`
	Logger    string            `json:"logger"`
	Release   string            `json:"release"`
	Env       string            `json:"environment"`
	Tags      map[string]string `json:"tags"`
	Exception []struct {
		Type       string `json:"type"`
		Value      string `json:"value"`
		Stacktrace struct {
			Frames []struct {
				Function string `json:"function"`
				Module   string `json:"module"`
			} `json:"frames"`
		} `json:"stacktrace"`
	} `json:"exception"`
}

func newSentryServer(t *testing.T) (*sentryServer, string) {
	s := &sentryServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/envelope/") {
			http.NotFound(w, r)
			return
		}
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			z, err := gzip.NewReader(r.Body)
			if err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			body = z
		}
		dt, _ := io.ReadAll(body)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.raw.Write(dt)
		s.raw.WriteString(fmt.Sprint(r.Header))
		// An envelope: a header line, then item header and payload lines.
		sc := bufio.NewScanner(bytes.NewReader(dt))
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		sc.Scan()
		for sc.Scan() {
			var item struct{ Type string }
			if err := json.Unmarshal(sc.Bytes(), &item); err != nil || !sc.Scan() {
				break
			}
			if item.Type == "event" {
				var e sentryEvent
				if err := json.Unmarshal(sc.Bytes(), &e); err == nil {
					s.events = append(s.events, e)
				}
			}
		}
		w.WriteHeader(200)
	}))
	t.Cleanup(s.Close)
	return s, strings.Replace(s.URL, "http://", "http://publickey@", 1) + "/42"
}

func (s *sentryServer) snapshot() ([]sentryEvent, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sentryEvent(nil), s.events...), s.raw.String()
}

func newReporter(t *testing.T) (*telemetry.Sentry, *sentryServer, *bytes.Buffer, *slog.Logger) {
	t.Helper()
	srv, dsn := newSentryServer(t)
	s, err := telemetry.NewSentry(dsn, "test-env", "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	return s, srv, &logs, slog.New(s.Handler(slog.NewJSONHandler(&logs, nil)))
}

func TestSentryReportsFailures(t *testing.T) {
	s, srv, logs, log := newReporter(t)
	ctx := context.Background()
	log.ErrorContext(ctx, "request failed", "err", fmt.Errorf("loading the session: %w", errors.New("disk on fire")),
		"method", "POST", "path", "/api/sessions/abc/run", "request_id", "req-1")
	log.With("group", "interviewer").Warn("events: handler failed; retrying", "topic", "code.executed", "attempt", 2, "err", errors.New("model timed out"))
	log.Warn("a warning without an error")        // no event
	log.Info("started", "err", errors.New("meh")) // no event
	log.Error("http request", "status", 500)      // the access line: no event
	log.Error("events: a malformed message is dropped", "id", "1-0")
	if !s.Flush(10 * time.Second) {
		t.Fatal("events were not sent")
	}
	events, _ := srv.snapshot()
	if len(events) != 3 {
		t.Fatalf("got %d events, want 3: %+v", len(events), events)
	}
	byMsg := map[string]sentryEvent{}
	for _, e := range events {
		byMsg[e.Message] = e
	}
	e := byMsg["request failed"]
	if e.Level != "error" || e.Release != "v1.2.3" || e.Env != "test-env" || e.Logger != "mockroom" {
		t.Errorf("request failed: %+v", e)
	}
	if len(e.Exception) != 1 || e.Exception[0].Value != "loading the session: disk on fire" {
		t.Errorf("request failed: exception %+v", e.Exception)
	}
	if e.Tags["path"] != "/api/sessions/abc/run" || e.Tags["method"] != "POST" || e.Tags["request_id"] != "req-1" || e.Tags["error_type"] != "*errors.errorString" {
		t.Errorf("request failed: tags %v", e.Tags)
	}
	frames := e.Exception[0].Stacktrace.Frames
	if len(frames) == 0 || !strings.Contains(frames[len(frames)-1].Function, "TestSentryReportsFailures") {
		t.Errorf("the stack should end where the failure was logged: %+v", frames)
	}
	w := byMsg["events: handler failed; retrying"]
	if w.Level != "warning" || w.Tags["group"] != "interviewer" || w.Tags["topic"] != "code.executed" || w.Exception[0].Value != "model timed out" {
		t.Errorf("worker failure: %+v", w)
	}
	if m := byMsg["events: a malformed message is dropped"]; m.Level != "error" || m.Tags["id"] != "1-0" {
		t.Errorf("error without an error value: %+v", m)
	}
	// The log itself is untouched.
	for _, want := range []string{"request failed", "a warning without an error", "started", "http request"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lost %q", want)
		}
	}
}

// TestSentryLeaksNothing: whatever a record carries besides identifiers
// stays out of the event, and secrets in an error's text are masked.
func TestSentryLeaksNothing(t *testing.T) {
	s, srv, _, log := newReporter(t)
	log.Error("oauth sign-in failed", "code", "OAUTH-CODE-SECRET", "authorization", "Bearer HEADER-SECRET",
		"cookie", "mockroom_session=COOKIE-SECRET", "body", `{"password":"BODY-SECRET"}`, "email", "ada@example.com",
		"err", errors.New(`dial postgres://app:DB-PASSWORD@db:5432/x: refused; upstream said Authorization: Bearer TOKEN-SECRET`))
	log.Error("storing a line", slog.Group("req", "headers", "Cookie: COOKIE-SECRET-2"))
	if !s.Flush(10 * time.Second) {
		t.Fatal("events were not sent")
	}
	events, raw := srv.snapshot()
	if len(events) != 2 {
		t.Fatalf("got %d events, want 2", len(events))
	}
	for _, secret := range []string{"OAUTH-CODE-SECRET", "HEADER-SECRET", "COOKIE-SECRET", "BODY-SECRET", "ada@example.com", "DB-PASSWORD", "TOKEN-SECRET"} {
		if strings.Contains(raw, secret) {
			t.Errorf("%s reached Sentry", secret)
		}
	}
	if v := events[0].Exception[0].Value; !strings.Contains(v, "postgres://app:[redacted]@db:5432") || !strings.Contains(v, "Bearer [redacted]") {
		t.Errorf("masked error: %q", v)
	}
}

// panicky is a database health check that panics.
type panicky struct{}

func (panicky) Ping(context.Context) error                      { panic("the health check blew up") }
func (panicky) MigrationsApplied(context.Context) (bool, error) { return true, nil }

// TestSentryReportsHTTPPanics: a handler's panic, recovered by the API's
// middleware into a 500, arrives with its route, its request id and the
// stack of the panic, and none of the request's credentials or body.
func TestSentryReportsHTTPPanics(t *testing.T) {
	s, srv, _, log := newReporter(t)
	// No account service: a request with credentials panics where it is
	// authenticated; one without, in the health check.
	api := httptest.NewServer(httpapi.NewServer(httpapi.Config{BaseURL: "http://localhost", Version: "test"},
		httpapi.Deps{Logger: log, Health: panicky{}}))
	defer api.Close()
	plain, _ := http.NewRequest("GET", api.URL+"/readyz?token=QUERY-SECRET", nil)
	creds, _ := http.NewRequest("GET", api.URL+"/readyz?token=QUERY-SECRET", strings.NewReader("BODY-SECRET"))
	creds.Header.Set("Authorization", "Bearer AUTH-SECRET")
	creds.AddCookie(&http.Cookie{Name: "mockroom_session", Value: "COOKIE-SECRET"})
	ids := map[string]string{} // request id → the frame that must be on the stack
	for _, c := range []struct {
		req   *http.Request
		frame string
	}{{plain, "panicky.Ping"}, {creds, "Authenticate"}} {
		resp, err := http.DefaultClient.Do(c.req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 500 {
			t.Fatalf("status %d, want 500", resp.StatusCode)
		}
		ids[resp.Header.Get("X-Request-Id")] = c.frame
	}
	if !s.Flush(10 * time.Second) {
		t.Fatal("events were not sent")
	}
	events, raw := srv.snapshot()
	for _, e := range events {
		if e.Message != "panic serving request" {
			continue
		}
		frame, ok := ids[e.Tags["request_id"]]
		if !ok || e.Tags["path"] != "/readyz" || e.Tags["method"] != "GET" || !strings.HasPrefix(e.Exception[0].Value, "panic: ") {
			t.Errorf("panic event: %+v", e)
			continue
		}
		delete(ids, e.Tags["request_id"])
		var atPanic bool
		for _, f := range e.Exception[0].Stacktrace.Frames {
			atPanic = atPanic || strings.Contains(f.Function, frame)
		}
		if !atPanic {
			t.Errorf("the stack does not reach %s: %+v", frame, e.Exception[0].Stacktrace.Frames)
		}
	}
	if len(ids) > 0 {
		t.Errorf("no panic event for requests %v among %+v", ids, events)
	}
	for _, secret := range []string{"QUERY-SECRET", "BODY-SECRET", "AUTH-SECRET", "COOKIE-SECRET"} {
		if strings.Contains(raw, secret) {
			t.Errorf("%s reached Sentry", secret)
		}
	}
}

func TestSentryOffWithoutDSN(t *testing.T) {
	s, err := telemetry.NewSentry("", "", "")
	if err != nil || s != nil {
		t.Fatalf("NewSentry(\"\") = %v, %v; want nil, nil", s, err)
	}
	h := slog.NewTextHandler(io.Discard, nil)
	if s.Handler(h) != slog.Handler(h) || !s.Flush(time.Millisecond) {
		t.Error("a nil reporter should leave the handler alone")
	}
	if _, err := telemetry.NewSentry("not a dsn", "", ""); err == nil {
		t.Error("a bad DSN was accepted")
	}
}
