package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
)

func TestObservabilityConfig(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		wantErr string // the variable the error names; "" for none
		want    observabilityConfig
	}{
		{env: nil, want: observabilityConfig{ServiceName: "mockroom"}},
		{env: map[string]string{"SENTRY_DSN": "https://key@sentry.example.com/7", "SENTRY_ENVIRONMENT": "staging",
			"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SERVICE_NAME": "mockroom-eu"},
			want: observabilityConfig{SentryDSN: "https://key@sentry.example.com/7", SentryEnvironment: "staging",
				OTLPEndpoint: "http://collector:4318", ServiceName: "mockroom-eu"}},
		{env: map[string]string{"SENTRY_DSN": "sentry.example.com"}, wantErr: "SENTRY_DSN"},
		{env: map[string]string{"SENTRY_DSN": "https://sentry.example.com/7"}, wantErr: "SENTRY_DSN"}, // no key
		{env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318"}, wantErr: "OTEL_EXPORTER_OTLP_ENDPOINT"},
		{env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "grpc://collector:4317"}, wantErr: "OTEL_EXPORTER_OTLP_ENDPOINT"},
	} {
		cfg, err := loadConfig("", "", envOf(tc.env))
		var ce *configError
		switch {
		case tc.wantErr != "":
			if !errors.As(err, &ce) || ce.name != tc.wantErr {
				t.Errorf("%v: err = %v, want a configuration error naming %s", tc.env, err, tc.wantErr)
			}
		case err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case cfg.Observability != tc.want:
			t.Errorf("%v: %+v, want %+v", tc.env, cfg.Observability, tc.want)
		}
	}
}

// otlpReceiver is a loopback OpenTelemetry collector: it decodes each
// OTLP/HTTP export (protobuf) and keeps the spans.
type otlpReceiver struct {
	*httptest.Server
	mu    sync.Mutex
	spans []*tracepb.Span
}

func newOTLPReceiver(t *testing.T) *otlpReceiver {
	r := &otlpReceiver{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/v1/traces" || req.Header.Get("Content-Type") != "application/x-protobuf" {
			http.Error(w, "want protobuf on /v1/traces", 400)
			return
		}
		body, _ := io.ReadAll(req.Body)
		var export collectortrace.ExportTraceServiceRequest
		if err := proto.Unmarshal(body, &export); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		r.mu.Lock()
		for _, rs := range export.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				r.spans = append(r.spans, ss.Spans...)
			}
		}
		r.mu.Unlock()
		out, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
		w.Header().Set("Content-Type", "application/x-protobuf")
		w.Write(out)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *otlpReceiver) snapshot() []*tracepb.Span {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*tracepb.Span(nil), r.spans...)
}

func spanAttr(s *tracepb.Span, key string) string {
	for _, a := range s.Attributes {
		if a.Key == key {
			return a.Value.GetStringValue()
		}
	}
	return ""
}

// TestTracesFollowAnExecution: an accepted submit is one trace, from the
// API request through the code.executed event to the efficiency worker
// that consumes it and the sandbox runs that worker makes, exported to an
// OTLP collector.
func TestTracesFollowAnExecution(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, why)
	recv := newOTLPReceiver(t)
	cfg, err := loadConfig("127.0.0.1:0", t.TempDir(), envOf(map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": recv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	base, logs, stop := startServe(t, cfg)
	post, _, sessionID := candidate(t, base, "traced@example.com")
	var rep struct{ Status string }
	if st := post("/api/sessions/"+sessionID+"/execute", map[string]any{"code": twoSumPython, "mode": "submit"}, &rep); st != 200 || rep.Status != "accepted" {
		t.Fatalf("submit: %d %q", st, rep.Status)
	}
	// The efficiency worker probes an accepted submit in the sandbox.
	if !testenv.Eventually(120*time.Second, func() bool { return strings.Contains(logs.String(), `"msg":"efficiency probe"`) }) {
		t.Fatalf("the efficiency probe never ran:\n%s", logs)
	}
	if err := stop(); err != nil { // shutdown sends the last spans
		t.Fatal(err)
	}

	spans := recv.snapshot()
	byID := map[string]*tracepb.Span{}
	for _, sp := range spans {
		byID[hex.EncodeToString(sp.SpanId)] = sp
	}
	var request, consumer *tracepb.Span
	for _, sp := range spans {
		switch {
		case sp.Kind == tracepb.Span_SPAN_KIND_SERVER && sp.Name == "POST /api/sessions/{id}/execute":
			request = sp
		case sp.Kind == tracepb.Span_SPAN_KIND_CONSUMER && sp.Name == "code.executed process" && spanAttr(sp, "messaging.consumer.group.name") == "efficiency":
			consumer = sp
		}
	}
	if request == nil || consumer == nil {
		names := []string{}
		for _, sp := range spans {
			names = append(names, sp.Name)
		}
		t.Fatalf("want the execute request's span and the efficiency worker's; got %q", names)
	}
	if !bytes.Equal(consumer.TraceId, request.TraceId) {
		t.Errorf("the worker's span is in trace %x, the request's in %x", consumer.TraceId, request.TraceId)
	}
	// under reports whether sp descends from anc.
	under := func(sp, anc *tracepb.Span) bool {
		for seen := 0; sp != nil && seen < 64; seen++ {
			if bytes.Equal(sp.SpanId, anc.SpanId) {
				return true
			}
			sp = byID[hex.EncodeToString(sp.ParentSpanId)]
		}
		return false
	}
	var requestRuns, workerRuns int
	for _, sp := range spans {
		if sp.Name != "sandbox run" {
			continue
		}
		if !bytes.Equal(sp.TraceId, request.TraceId) {
			continue
		}
		switch {
		case under(sp, consumer):
			workerRuns++
		case under(sp, request):
			requestRuns++
		}
	}
	if requestRuns == 0 || workerRuns == 0 {
		t.Errorf("sandbox runs in the trace: %d under the request, %d under the worker; want some of each", requestRuns, workerRuns)
	}
}
