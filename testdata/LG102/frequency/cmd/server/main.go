package main

import (
	"net/http"
	"os"
	"time"

	"example.com/frequency/internal/work"
)

type runner interface{ Run() error }

func main() {
	work.Poll(os.Args[1:])
	_ = work.Lookup(os.Args[1:], os.Args[0])
	_ = work.PollStrict(os.Args[1:])
	_ = work.PollFirst(os.Args[1:])
	work.PollOrDie(os.Args[1:])
	var r runner = work.NewJob(os.Args[0])
	_ = r.Run()
	mux := http.NewServeMux()
	mux.HandleFunc("/fetch", work.Handle)
	api := work.NewServer()
	mux.HandleFunc("/status", api.Status)
	mux.HandleFunc("/poll", api.Poll)
	server := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: time.Second}
	_ = server.ListenAndServe()
}
