// A command-line program: its one request's connection ends with the process.
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

var client = &http.Client{Timeout: 30 * time.Second}

func main() {
	if err := download(os.Args[1]); err != nil {
		os.Exit(1)
	}
	http.HandleFunc("/check", check)
}

func download(u string) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp.Body.Close()
}

// A handler in main is service code: its leak repeats per request.
func check(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), "GET", "https://upstream.example/", nil)
	if err != nil {
		return
	}
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return
	}
	if resp.StatusCode != http.StatusOK {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

// The program's own outgoing request, handed to a helper: not a handler's request, so still
// the one-shot program (ace-validator's and the notary client's shape).
func fetch(req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp.Body.Close()
}
