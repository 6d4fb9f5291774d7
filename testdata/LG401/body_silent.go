package network

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"

	"example.com/closer"
)

func deferred(client *http.Client, req *http.Request, v any) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func drained(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// bodyclose #30: a helper closes it.
func helper(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	return nil
}

func closeBody(resp *http.Response) {
	_ = resp.Body.Close()
}

// bodyclose #18: closed through an io.Closer.
func closer(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	var c io.Closer = resp.Body
	defer c.Close()
	return nil
}

// bodyclose #42: kept in a struct field, the owner closes it.
type stream struct {
	resp *http.Response
}

func open(client *http.Client, req *http.Request) (*stream, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return &stream{resp: resp}, nil
}

func returned(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// bodyclose #47, #59: a recorder's Result is not a request.
func recorder(h http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	return resp.StatusCode
}

func deferredClosure(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_ = resp.Body.Close()
	}()
	return nil
}

func nilChecked(client *http.Client, req *http.Request) {
	resp, err := client.Do(req)
	if resp != nil {
		defer resp.Body.Close()
	}
	_ = err
}

// Retries that close the previous body before the next try.
func retriesClosing(client *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ {
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		status := resp.StatusCode
		resp.Body.Close()
		if status == 200 {
			return nil
		}
	}
	return nil
}

// Not an HTTP client: a Do of something else whose result has no Body.
type job struct{}

func (job) Do(n int) (int, error) { return n, nil }

func other(j job) int {
	n, _ := j.Do(1)
	return n
}

// A HEAD response has no body: the transport recycles the connection itself.
func head(client *http.Client, url string) bool {
	resp, err := client.Head(url)
	return err == nil && resp.StatusCode == 200
}

// The caller opted out of closing (a streaming option): the author chose when to close.
func optional(client *http.Client, req *http.Request, buffered bool) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	if !buffered {
		defer resp.Body.Close()
	}
	return resp.StatusCode, nil
}

// bodyclose #39: closed by a function of another package.
func otherPackage(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer closer.Close(resp.Body)
	return nil
}

// A named result: the naked return hands the response to the caller.
func named(t http.RoundTripper, req *http.Request) (res *http.Response, err error) {
	res, err = t.RoundTrip(req)
	if err != nil {
		return
	}
	if res.StatusCode > 299 {
		err = errors.New("status")
	}
	return
}

// The error branch spelled through a function of the error.
func noCached(t http.RoundTripper, req *http.Request) (*http.Response, error) {
	res, err := t.RoundTrip(req)
	if isRetryable(err) {
		return nil, errors.New("skip")
	}
	return res, err
}

func isRetryable(err error) bool { return err != nil }

func bodyChecked(client *http.Client, req *http.Request) {
	res, err := client.Do(req)
	if err != nil {
		return
	}
	if res.Body != nil {
		res.Body.Close()
	}
}

// The previous response's body is closed at the top of each retry, under a condition that is
// false only when there is no response or no body to close.
func retried(client *http.Client, req *http.Request, attempts int) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < attempts; i++ {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		resp, err = client.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
	}
	return resp, err
}

// A HEAD request given a context before it is sent is still a HEAD: no body.
func headWithContext(ctx context.Context, client *http.Client, url string) (int, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	req = req.WithContext(ctx)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
