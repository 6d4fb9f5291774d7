package main

import "net/http"

// Example code: shown to users, not run as a service.
func main() {
	resp, err := http.Get("https://example.com/")
	if err != nil {
		return
	}
	defer resp.Body.Close()
}
