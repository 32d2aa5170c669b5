package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prescreen/prescreen/pipeline"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

type metrics struct {
	documents     *prometheus.CounterVec
	findings      *prometheus.CounterVec
	requests      *prometheus.HistogramVec
	screenSeconds prometheus.Histogram
	rejected      prometheus.Counter
}

func newMetrics(reg *prometheus.Registry, s *Server) (*metrics, error) {
	m := &metrics{
		documents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prescreen_documents_total", Help: "Documents screened, by outcome.",
		}, []string{"status"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prescreen_findings_total", Help: "Findings, by category and action.",
		}, []string{"category", "action"}),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "prescreen_http_request_duration_seconds", Help: "HTTP request latency, by route and status code.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}, []string{"route", "code"}),
		screenSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "prescreen_screening_duration_seconds", Help: "Time to screen one document.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "prescreen_rejected_total", Help: "Requests refused with 503 because the queue was full.",
		}),
	}
	queue := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "prescreen_queue_depth", Help: "Requests admitted and waiting for a worker.",
	}, func() float64 { return float64(max(0, len(s.admitted)-len(s.working))) })
	inFlight := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "prescreen_screening_in_flight", Help: "Documents being screened now.",
	}, func() float64 { return float64(len(s.working)) })
	for _, c := range []prometheus.Collector{m.documents, m.findings, m.requests, m.screenSeconds, m.rejected, queue, inFlight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *metrics) count(out pipeline.Outcome) {
	m.documents.WithLabelValues(out.Status).Inc()
	for _, f := range out.Findings {
		m.findings.WithLabelValues(string(f.Category), f.Action).Inc()
	}
}

// observe records a request under its route pattern, never its raw path.
func (m *metrics) observe(r *http.Request, code int, d time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Observe(d.Seconds())
}
