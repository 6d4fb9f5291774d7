// A command-line program: a goroutine stuck at its end goes with the process.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		os.Exit(1)
	}
	http.HandleFunc("/work", serve)
}

func run(args []string) error {
	events := make(chan string)
	go func() {
		for e := range events {
			_ = e
		}
	}()
	result := make(chan error)
	go func() {
		result <- check(args)
	}()
	select {
	case err := <-result:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("timed out")
	}
}

// A handler in main is service code: its leak repeats per request.
func serve(w http.ResponseWriter, r *http.Request) {
	result := make(chan error)
	go func() {
		result <- check(nil) // want "LG102"
	}()
	select {
	case err := <-result:
		_ = err
	case <-r.Context().Done():
	}
}

func worker(ctx context.Context, jobs []string) {
	out := make(chan string)
	go func() {
		for j := range out { // want "LG101"
			_ = j
		}
	}()
	for _, j := range jobs {
		out <- j
	}
	_ = ctx
}

func check([]string) error { return nil }
