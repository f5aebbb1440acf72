package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/getsentry/sentry-go"

	"github.com/mockroom/mockroom/internal/telemetry"
)

// observabilityConfig says where errors and traces go; both are off when
// their variable is unset (docs/adr/0018-observability.md).
type observabilityConfig struct {
	SentryDSN         string // SENTRY_DSN
	SentryEnvironment string // SENTRY_ENVIRONMENT
	OTLPEndpoint      string // OTEL_EXPORTER_OTLP_ENDPOINT, the base URL
	ServiceName       string // OTEL_SERVICE_NAME
}

func loadObservability(getenv func(string) string) (observabilityConfig, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := observabilityConfig{SentryDSN: env("SENTRY_DSN"), SentryEnvironment: env("SENTRY_ENVIRONMENT"),
		OTLPEndpoint: env("OTEL_EXPORTER_OTLP_ENDPOINT"), ServiceName: firstNonEmpty(env("OTEL_SERVICE_NAME"), "mockroom")}
	if c.SentryDSN != "" {
		if _, err := sentry.NewDsn(c.SentryDSN); err != nil {
			return c, &configError{"SENTRY_DSN", "not a Sentry DSN (https://<key>@<host>/<project>): " + err.Error()}
		}
	}
	if c.OTLPEndpoint != "" {
		if _, err := telemetry.TracesURL(c.OTLPEndpoint); err != nil {
			return c, &configError{"OTEL_EXPORTER_OTLP_ENDPOINT", err.Error()}
		}
	}
	return c, nil
}

// observability is what serve starts for them.
type observability struct {
	sentry  *telemetry.Sentry
	tracing *telemetry.Tracing
	log     *slog.Logger
}

// startObservability builds the logger (reporting to Sentry when set) and
// the tracer provider.
func startObservability(ctx context.Context, c observabilityConfig, level slog.Level, logOut io.Writer) (*observability, error) {
	s, err := telemetry.NewSentry(c.SentryDSN, c.SentryEnvironment, version)
	if err != nil {
		return nil, &configError{"SENTRY_DSN", err.Error()}
	}
	tr, err := telemetry.NewTracing(ctx, c.OTLPEndpoint, c.ServiceName, version)
	if err != nil {
		return nil, &configError{"OTEL_EXPORTER_OTLP_ENDPOINT", err.Error()}
	}
	log := slog.New(s.Handler(newLogger(logOut, level).Handler()))
	log.Info("observability", "sentry", s != nil, "sentry_environment", c.SentryEnvironment,
		"traces", tr != nil, "otlp_endpoint", redactURL(c.OTLPEndpoint), "service_name", c.ServiceName)
	return &observability{sentry: s, tracing: tr, log: log}, nil
}

// HTTP traces the API's requests when tracing is on.
func (o *observability) HTTP(h http.Handler) http.Handler { return o.tracing.HTTP(h) }

// Close sends what is still queued: the last spans, the last events.
func (o *observability) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := o.tracing.Shutdown(ctx); err != nil {
		o.log.Warn("sending the last spans", "err", err)
	}
	o.sentry.Flush(5 * time.Second)
}

// redactURL hides a password in u.
func redactURL(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Redacted()
	}
	return u
}
