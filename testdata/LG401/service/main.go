// A service built as one main package: its context-free helpers run for every request.
package main

import (
	"errors"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

func main() {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	http.HandleFunc("/status", status)
	_ = srv.ListenAndServe()
}

func status(w http.ResponseWriter, r *http.Request) {
	if err := upstreamUp("https://upstream.example/healthz"); err != nil {
		w.WriteHeader(http.StatusBadGateway)
	}
}

func upstreamUp(u string) error {
	req, err := http.NewRequest("GET", u, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return resp.Body.Close()
}
