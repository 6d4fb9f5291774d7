package lib

import (
	"net/http"
	"time"
)

func Serve(addr string) error {
	srv := &http.Server{Addr: addr, ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}
