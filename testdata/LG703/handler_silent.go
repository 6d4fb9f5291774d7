package metrics

import (
	"net/http"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var reg = prometheus.NewRegistry()

var served = promauto.With(reg).NewCounter(prometheus.CounterOpts{Name: "served_total"})

var once sync.Once
var lazy prometheus.Counter

func onceGuarded(w http.ResponseWriter, r *http.Request) {
	once.Do(func() {
		lazy = promauto.NewCounter(prometheus.CounterOpts{Name: "lazy_total"})
	})
	lazy.Inc()
	served.Inc()
}

func newMetrics(r prometheus.Registerer) prometheus.Counter {
	return promauto.With(r).NewCounter(prometheus.CounterOpts{Name: "built_total"})
}

// One metric per shard, each under its own name, built at start-up.
func perShard(shards []string) {
	for _, shard := range shards {
		prometheus.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "shard_" + shard + "_total"}))
	}
}
