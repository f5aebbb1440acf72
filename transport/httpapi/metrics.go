package httpapi

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the API's Prometheus series, labelled by route pattern (never
// by raw path, which would explode cardinality).
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	gatherer prometheus.Gatherer
}

// NewMetrics registers the API's series on reg and serves g at /metrics.
func NewMetrics(reg prometheus.Registerer, g prometheus.Gatherer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mockroom_http_requests_total", Help: "API requests by route and status."}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "mockroom_http_request_duration_seconds", Help: "API request latency by route.", Buckets: prometheus.DefBuckets}, []string{"route"}),
		gatherer: g,
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

func (m *Metrics) observe(route string, w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	rec := &statusRecorder{ResponseWriter: w}
	start := time.Now()
	h(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
}

// Handler serves the Prometheus exposition; with a token it first asks for
// "Authorization: Bearer <token>". serve mounts it on METRICS_ADDR when that
// is set, else the API serves it at /metrics.
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{})
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			var body errorBody
			body.Error.Code, body.Error.Message = "unauthenticated", "metrics need the bearer token set in METRICS_TOKEN"
			writeJSON(w, http.StatusUnauthorized, body)
			return
		}
		h.ServeHTTP(w, r)
	})
}
