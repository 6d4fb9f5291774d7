package metrics

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestServe(t *testing.T) {
	m := New()
	m.Reg = prometheus.NewRegistry()
	m.Serve()
}
