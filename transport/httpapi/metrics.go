package httpapi

import (
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

func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{})
}
