package migrate

import (
	"errors"
	"net/http"
)

// Only the command imports this package: one connection at most, before the process ends.
func Ping(url string) error {
	client := &http.Client{Timeout: 1e9}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return resp.Body.Close()
}
