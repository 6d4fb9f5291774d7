package main

import (
	"net/http"

	"example.com/deadcode/internal/clock"
)

func main() {
	http.HandleFunc("/events", func(w http.ResponseWriter, r *http.Request) {
		clock.Tick(r.Context(), func() {})
	})
	_ = http.ListenAndServe("localhost:8080", nil)
}
