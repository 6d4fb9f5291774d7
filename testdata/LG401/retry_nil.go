package network

import "net/http"

// Retried while no response came back: each replaced value is nil, with no body to close.
func roundTripRetried(rt http.RoundTripper, req *http.Request, retries int) (*http.Response, error) {
	resp, err := rt.RoundTrip(req)
	attempt := 1
	for resp == nil {
		if attempt > retries {
			return nil, err
		}
		resp, err = rt.RoundTrip(req)
		attempt++
	}
	return resp, nil
}

// Retried on a status: the replaced response has a body, and it leaks.
func doRetried(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	for attempt := 0; err == nil && resp.StatusCode == http.StatusServiceUnavailable && attempt < 3; attempt++ {
		resp, err = c.Do(req) // want "LG401" "LG401"
	}
	return resp, err
}
