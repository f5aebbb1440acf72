package admission

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the queue's Prometheus series. They wrap any Queue, so a
// fleet-wide one reports the same series, as this instance sees them.
type Metrics struct {
	waiting  prometheus.Gauge
	running  prometheus.Gauge
	wait     prometheus.Histogram
	rejected *prometheus.CounterVec
}

// NewMetrics registers the queue's series on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mockroom_judge_queue_depth", Help: "Executions waiting for the sandbox."}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mockroom_judge_runs_in_flight", Help: "Executions admitted to the sandbox and not yet finished."}),
		wait: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "mockroom_judge_queue_wait_seconds", Help: "Time from asking for a place in the sandbox to getting it (or being refused).",
			Buckets: []float64{0.005, 0.05, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60}}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mockroom_judge_queue_rejections_total", Help: "Executions refused with judge_busy, by reason (queue_full, wait_limit)."}, []string{"reason"}),
	}
	reg.MustRegister(m.waiting, m.running, m.wait, m.rejected)
	m.rejected.WithLabelValues("queue_full")
	m.rejected.WithLabelValues("wait_limit")
	return m
}

// Queue returns q reporting to m.
func (m *Metrics) Queue(q Queue) Queue { return instrumented{q, m} }

type instrumented struct {
	q Queue
	m *Metrics
}

func (i instrumented) Admit(ctx context.Context, t Ticket) (func(), error) {
	start := time.Now()
	i.m.waiting.Inc()
	release, err := i.q.Admit(ctx, t)
	i.m.waiting.Dec()
	i.m.wait.Observe(time.Since(start).Seconds())
	switch {
	case errors.Is(err, ErrQueueFull):
		i.m.rejected.WithLabelValues("queue_full").Inc()
	case errors.Is(err, ErrWaitLimit):
		i.m.rejected.WithLabelValues("wait_limit").Inc()
	}
	if err != nil {
		return nil, err
	}
	i.m.running.Inc()
	var once sync.Once
	return func() {
		once.Do(func() {
			i.m.running.Dec()
			release()
		})
	}, nil
}
