// A command-line program: its one-shot requests have nothing to be cancelled by but Ctrl-C.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

func main() {
	resp, err := client.Get(os.Args[1])
	if err != nil {
		os.Exit(1)
	}
	defer resp.Body.Close()
	version, _ := latest(os.Args[2])
	fmt.Println(version)
	http.HandleFunc("/proxy", proxy)
	go func() {
		req, _ := http.NewRequest("GET", os.Args[3], nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
}

func latest(u string) (string, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return resp.Status, nil
}

// A handler has its request's context at hand.
func proxy(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest("GET", "https://upstream.example/"+r.URL.Path, nil) // want "LG603"
	if err != nil {
		return
	}
	resp, err := client.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// So has a function handed a context, and a closure inside it.
func fetch(ctx context.Context, u string) error {
	_ = ctx
	run := func() error {
		req, err := http.NewRequest("GET", u, nil) // want "LG603"
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	return run()
}
