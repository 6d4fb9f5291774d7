package split

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Made in one file, given its collectors in another, served from a third.
func Serve(mux *http.ServeMux) {
	mux.Handle("/metrics", promhttp.HandlerFor(Registry, promhttp.HandlerOpts{}))
}
