package lib

import (
	"errors"
	"net/http"
	"time"
)

func Start(broker string) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for range ticker.C {
		_ = poll(broker)
	}
}

// Polled forever: each leaked body is one more connection.
func poll(url string) error {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url) // want "LG401"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return resp.Body.Close()
}
