package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

func handle(w http.ResponseWriter, r *http.Request) {
	hits := promauto.NewCounter(prometheus.CounterOpts{Name: "hits_total"}) // want "LG703: inside the HTTP handler handle"
	hits.Inc()
}

type server struct{ reg *prometheus.Registry }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	promauto.With(s.reg).NewGauge(prometheus.GaugeOpts{Name: "up"}).Set(1) // want "LG703"
}

func retries(attempts int) {
	for i := 0; i < attempts; i++ {
		prometheus.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "attempts_total"})) // want "LG703: inside a loop"
	}
}
