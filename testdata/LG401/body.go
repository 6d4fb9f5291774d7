package network

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

func statusOnly(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req) // want "LG401: the body of `resp` \\(client.Do\\) is not closed on every path: the return at line 17"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New("bad status")
	}
	defer resp.Body.Close()
	return nil
}

func defaultClient(url string) (int, error) {
	resp, err := http.DefaultClient.Get(url) // want "LG401" "LG403" "LG603"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func blank(url string) {
	_, _ = http.Get(url) // want "LG401: assigned to `_`" "LG403" "LG603"
}

func dropped(client *http.Client, req *http.Request) {
	client.Do(req) // want "LG401: is dropped"
}

// Read to EOF (or a read error) on every path: the transport takes the connection back
// without Close, so nothing leaks.
func readOnly(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// Read only up to a limit: the rest of the body still holds the connection.
func readLimited(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

// Decoded, not drained: a decoder stops at the end of the value, not of the body.
func decodeOnly(client *http.Client, req *http.Request, v any) error {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Drained on one path only: the early return leaves the body unread and open.
func drainedLate(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}

type api struct {
	client *http.Client
}

func (a *api) ping(req *http.Request) bool {
	resp, err := a.client.Do(req) // want "LG401"
	return err == nil && resp.StatusCode == 200
}

func roundTrip(t http.RoundTripper, req *http.Request) (int, error) {
	resp, err := t.RoundTrip(req) // want "LG401"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func retries(client *http.Client, req *http.Request) error {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = client.Do(req) // want "LG401: `resp` is replaced here before the body"
		if err == nil && resp.StatusCode == 200 {
			break
		}
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The request sent is the GET made later, not the HEAD made first.
func headThenGet(ctx context.Context, c *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return 0, err
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req) // want "LG401"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
