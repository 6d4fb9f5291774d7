package main

import (
	"net/http"
	"time"

	"example.com/stub/inactive"
)

func main() {
	go inactive.ReadAll(inactive.Dataplane{}, func(inactive.Message) {})
	mux := http.NewServeMux()
	mux.HandleFunc("/hang", inactive.ParkPerRequest)
	mux.HandleFunc("/stuck", inactive.Hang)
	mux.HandleFunc("/later", inactive.HangLater)
	server := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: time.Second}
	_ = server.ListenAndServe()
}
