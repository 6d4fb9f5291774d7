package main

import (
	"net/http"
	"time"

	"example.com/commands/cmd/server/watch"
)

func main() {
	http.HandleFunc("/follow", func(w http.ResponseWriter, r *http.Request) {
		watch.Follow(r.URL.Path)
	})
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	_ = srv.ListenAndServe()
}
