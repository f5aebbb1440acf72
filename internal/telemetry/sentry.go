// Package telemetry connects the server to the outside tools that watch it:
// Sentry for errors (SENTRY_DSN) and OpenTelemetry traces over OTLP
// (OTEL_EXPORTER_OTLP_ENDPOINT). Both are off unless configured. See
// docs/adr/0018-observability.md.
package telemetry

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/getsentry/sentry-go"
	"go.opentelemetry.io/otel/trace"
)

// Sentry reports the server's failures: every log record at error level
// (a 5xx, a recovered panic, an event a worker gave up on) and every
// warning that carries an error (a worker's failed attempt, an agent that
// fell back) becomes an event. The log is the one place every layer
// already reports its failures, so no layer needs to know Sentry.
//
// An event carries the record's message, its error's text, a stack trace
// and only the attributes in safeTags; it never carries a request's body,
// cookies, headers or query string, and secrets in the error's text (URL
// passwords, bearer tokens) are masked.
type Sentry struct {
	hub *sentry.Hub
}

// NewSentry returns a reporter for dsn, or nil when dsn is empty.
func NewSentry(dsn, environment, release string) (*Sentry, error) {
	if dsn == "" {
		return nil, nil
	}
	client, err := sentry.NewClient(sentry.ClientOptions{
		Dsn:              dsn,
		Environment:      environment,
		Release:          release,
		SendDefaultPII:   false,
		AttachStacktrace: false,
		BeforeSend:       func(e *sentry.Event, _ *sentry.EventHint) *sentry.Event { return scrub(e) },
	})
	if err != nil {
		return nil, err
	}
	return &Sentry{hub: sentry.NewHub(client, sentry.NewScope())}, nil
}

// Flush waits up to timeout for queued events to be sent; it reports
// whether all were. Nil-safe.
func (s *Sentry) Flush(timeout time.Duration) bool {
	if s == nil {
		return true
	}
	return s.hub.Flush(timeout)
}

// Handler returns next with reporting: records reach next as before, and
// those worth an event go to Sentry too. Nil-safe (next unchanged).
func (s *Sentry) Handler(next slog.Handler) slog.Handler {
	if s == nil {
		return next
	}
	return &sentryHandler{next: next, s: s}
}

// safeTags are the attributes copied onto an event as tags: identifiers and
// routing, never content. Anything else a record carries stays in the log.
var safeTags = map[string]bool{
	"request_id": true, "method": true, "path": true, "status": true,
	"session_id": true, "user_id": true, "group": true, "consumer": true, "topic": true, "event": true, "id": true,
	"attempt": true, "attempts": true, "provider": true, "language": true, "signal": true,
}

// accessLog are the per-request lines: a 5xx's line repeats a failure
// already reported where it happened, with its cause.
var accessLog = map[string]bool{"http request": true}

type sentryHandler struct {
	next   slog.Handler
	s      *Sentry
	attrs  []slog.Attr // from WithAttrs, already prefixed by their groups
	prefix string      // the open groups, "a.b."
}

func (h *sentryHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn || h.next.Enabled(ctx, l)
}

func (h *sentryHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.next = h.next.WithAttrs(as)
	c.attrs = append(append([]slog.Attr(nil), h.attrs...), prefixed(h.prefix, as)...)
	return &c
}

func (h *sentryHandler) WithGroup(name string) slog.Handler {
	c := *h
	c.next = h.next.WithGroup(name)
	c.prefix = h.prefix + name + "."
	return &c
}

func prefixed(prefix string, as []slog.Attr) []slog.Attr {
	if prefix == "" {
		return as
	}
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = slog.Attr{Key: prefix + a.Key, Value: a.Value}
	}
	return out
}

func (h *sentryHandler) Handle(ctx context.Context, r slog.Record) error {
	var err error
	if h.next.Enabled(ctx, r.Level) {
		err = h.next.Handle(ctx, r)
	}
	attrs := append([]slog.Attr(nil), h.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, prefixed(h.prefix, []slog.Attr{a})...)
		return true
	})
	var cause error
	for _, a := range attrs {
		if e, ok := a.Value.Resolve().Any().(error); ok && a.Value.Kind() == slog.KindAny {
			cause = e
			break
		}
	}
	if r.Level < slog.LevelError && (r.Level < slog.LevelWarn || cause == nil) || accessLog[r.Message] {
		return err
	}
	h.s.hub.CaptureEvent(h.event(ctx, r, attrs, cause))
	return err
}

// event builds the Sentry event for r.
func (h *sentryHandler) event(ctx context.Context, r slog.Record, attrs []slog.Attr, cause error) *sentry.Event {
	e := sentry.NewEvent()
	e.Level = sentry.LevelError
	if r.Level < slog.LevelError {
		e.Level = sentry.LevelWarning
	}
	e.Logger = "mockroom"
	e.Timestamp = r.Time
	e.Message = r.Message
	e.Tags = map[string]string{}
	for _, a := range attrs {
		if safeTags[a.Key] {
			e.Tags[a.Key] = a.Value.Resolve().String()
		}
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		e.Tags["trace_id"] = sc.TraceID().String()
	}
	value := r.Message
	for _, a := range attrs {
		if a.Key == "panic" {
			value = "panic: " + a.Value.Resolve().String()
		}
	}
	if cause != nil {
		value = cause.Error()
		e.Tags["error_type"] = errorType(cause)
	}
	// The stack of the logging call: for a recovered panic it still holds
	// the frames that panicked.
	st := sentry.NewStacktrace()
	if st != nil {
		st.Frames = trimLoggingFrames(st.Frames)
	}
	e.Exception = []sentry.Exception{{Type: r.Message, Value: value, Stacktrace: st}}
	return e
}

// trimLoggingFrames drops the innermost frames of slog and this handler.
func trimLoggingFrames(frames []sentry.Frame) []sentry.Frame {
	for len(frames) > 0 {
		m := frames[len(frames)-1].Module
		if m != "log/slog" && m != "github.com/mockroom/mockroom/internal/telemetry" {
			break
		}
		frames = frames[:len(frames)-1]
	}
	return frames
}

// errorType names the innermost error's Go type.
func errorType(err error) string {
	if err == nil {
		return ""
	}
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return fmt.Sprintf("%T", err)
		}
		err = next
	}
}

// Secrets that can end up in an error's text.
var (
	urlPassword = regexp.MustCompile(`(://[^:/@\s]+:)[^@\s]+@`)
	bearer      = regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+`)
)

func mask(s string) string {
	s = urlPassword.ReplaceAllString(s, "${1}[redacted]@")
	return bearer.ReplaceAllString(s, "${1}[redacted]")
}

// keptHeaders are the request headers an event may show, should anything
// attach a request; every other header is dropped.
var keptHeaders = map[string]bool{"user-agent": true, "content-type": true, "x-request-id": true}

// scrub is the last step before an event leaves: no request body, cookie,
// credential header or query string, no user but the id, secrets masked.
func scrub(e *sentry.Event) *sentry.Event {
	if e == nil {
		return nil
	}
	if r := e.Request; r != nil {
		r.Data, r.Cookies, r.QueryString, r.Env = "", "", "", nil
		for k := range r.Headers {
			if !keptHeaders[strings.ToLower(k)] {
				delete(r.Headers, k)
			}
		}
		if i := strings.IndexAny(r.URL, "?#"); i >= 0 {
			r.URL = r.URL[:i]
		}
	}
	e.User = sentry.User{ID: e.User.ID}
	e.Breadcrumbs = nil
	e.Message = mask(e.Message)
	for i := range e.Exception {
		e.Exception[i].Value = mask(e.Exception[i].Value)
	}
	return e
}
