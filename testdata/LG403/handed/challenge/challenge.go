package challenge

import (
	"context"
	"net/http"
)

// Verify fetches the challenge with the caller's context: its deadline bounds the request.
func Verify(ctx context.Context, client *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
