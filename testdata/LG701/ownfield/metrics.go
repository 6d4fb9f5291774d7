// Package metrics gives the field a registry of its own in production code: it is served
// without the runtime collectors.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type Metrics struct {
	Reg *prometheus.Registry
	mux *http.ServeMux
}

func New() *Metrics {
	return &Metrics{Reg: prometheus.NewRegistry(), mux: http.NewServeMux()}
}

func (m *Metrics) Serve() {
	m.mux.Handle("/metrics", promhttp.HandlerFor(m.Reg, promhttp.HandlerOpts{})) // want "LG701"
}
