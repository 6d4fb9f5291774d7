package helper

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type server struct {
	metrics *prometheus.Registry
}

func newServer() *server {
	s := &server{metrics: prometheus.NewRegistry()}
	addRuntime(s.metrics)
	return s
}

// A helper that receives the registry registers the collectors.
func addRuntime(r prometheus.Registerer) {
	r.MustRegister(collectors.NewGoCollector())
}

func (s *server) routes(mux *http.ServeMux) {
	mux.Handle("/metrics", promhttp.InstrumentMetricHandler(s.metrics, promhttp.HandlerFor(s.metrics, promhttp.HandlerOpts{})))
}
