package telemetry

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Tracing exports the server's spans over OTLP/HTTP: API requests
// (otelhttp), each event's publish and every consumer's handling of it
// (package events), and every sandbox compile and run (sandbox/toolchain),
// all in the trace of the request that started them.
type Tracing struct {
	tp *sdktrace.TracerProvider
}

// TracesURL is where OTLP/HTTP traces go for the base endpoint of
// OTEL_EXPORTER_OTLP_ENDPOINT (the specification appends /v1/traces).
func TracesURL(endpoint string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http(s) URL such as http://otel-collector:4318", endpoint)
	}
	return strings.TrimRight(endpoint, "/") + "/v1/traces", nil
}

// NewTracing installs an OTLP exporter to endpoint (the base URL of
// OTEL_EXPORTER_OTLP_ENDPOINT) as the process's tracer provider, with the
// W3C trace context as its propagator. It returns nil when endpoint is
// empty: spans then cost a no-op call. OTEL_EXPORTER_OTLP_HEADERS,
// OTEL_RESOURCE_ATTRIBUTES and OTEL_TRACES_SAMPLER work as the OpenTelemetry
// specification says.
func NewTracing(ctx context.Context, endpoint, serviceName, version string) (*Tracing, error) {
	if endpoint == "" {
		return nil, nil
	}
	traces, err := TracesURL(endpoint)
	if err != nil {
		return nil, err
	}
	exp, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(traces))
	if err != nil {
		return nil, err
	}
	if serviceName == "" {
		serviceName = "mockroom"
	}
	res, err := resource.New(ctx, resource.WithHost(), resource.WithTelemetrySDK(),
		resource.WithAttributes(attribute.String("service.name", serviceName), attribute.String("service.version", version)),
		resource.WithFromEnv())
	if err != nil {
		return nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	return &Tracing{tp: tp}, nil
}

// Shutdown sends the spans still queued and stops the exporter. Nil-safe.
func (t *Tracing) Shutdown(ctx context.Context) error {
	if t == nil {
		return nil
	}
	return t.tp.Shutdown(ctx)
}

// ForceFlush sends the spans queued so far. Nil-safe.
func (t *Tracing) ForceFlush(ctx context.Context) error {
	if t == nil {
		return nil
	}
	return t.tp.ForceFlush(ctx)
}

// untraced are the paths whose requests make no span: probes and scrapes
// every few seconds, and WebSocket rooms, which live for an hour (their
// work is traced through the events and runs they cause).
func untraced(r *http.Request) bool {
	switch p := r.URL.Path; {
	case p == "/healthz" || p == "/readyz" || p == "/metrics":
		return true
	case strings.HasPrefix(p, "/ws"):
		return true
	}
	return false
}

// HTTP wraps the API so that each request is a server span (continuing a
// caller's W3C traceparent). Nil-safe: h unchanged.
func (t *Tracing) HTTP(h http.Handler) http.Handler {
	if t == nil {
		return h
	}
	return otelhttp.NewHandler(h, "http",
		otelhttp.WithTracerProvider(t.tp),
		otelhttp.WithFilter(func(r *http.Request) bool { return !untraced(r) }),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + route(r.URL.Path) }),
	)
}

// route names a path without its identifiers, so span names stay few:
// /api/sessions/3f2c…/execute → /api/sessions/{id}/execute.
func route(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if len(p) >= 16 && strings.ContainsAny(p, "0123456789") {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}
