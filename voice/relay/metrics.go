package relay

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the relay's Prometheus series.
type Metrics struct {
	seconds *prometheus.CounterVec
	latency *prometheus.HistogramVec
}

// NewMetrics registers the relay's series on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		seconds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mockroom_voice_seconds_total",
			Help: "Voice time by provider: connected (a provider connection was open), in (candidate audio), out (interviewer audio).",
		}, []string{"provider", "kind"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mockroom_voice_answer_latency_seconds",
			Help:    "From the end of the candidate's speech to the interviewer's first audio, as the server saw it.",
			Buckets: []float64{0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2, 4},
		}, []string{"provider"}),
	}
	reg.MustRegister(m.seconds, m.latency)
	return m
}

func (m *Metrics) usage(provider string, connected, in, out float64) {
	if m == nil {
		return
	}
	m.seconds.WithLabelValues(provider, "connected").Add(connected)
	m.seconds.WithLabelValues(provider, "in").Add(in)
	m.seconds.WithLabelValues(provider, "out").Add(out)
}

func (m *Metrics) answered(provider string, seconds float64) {
	if m == nil {
		return
	}
	m.latency.WithLabelValues(provider).Observe(seconds)
}
