package main

import (
	"net/http"

	"example.com/commands/lib/forever"
)

func main() {
	http.HandleFunc("/wait", func(w http.ResponseWriter, r *http.Request) {
		forever.Wait(r.URL.Path)
	})
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5e9}
	_ = srv.ListenAndServe()
}
