package network

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net/http"
)

// Printing or logging a response reads it; nothing closes its body.
func printed(client *http.Client, req *http.Request) {
	resp, err := client.Do(req) // want "LG401: the body of `resp`"
	if err != nil {
		log.Print(err)
		return
	}
	fmt.Println(resp.Status, resp)
}

// A closure that would close the body, thrown away: it never runs.
func neverRun(client *http.Client, req *http.Request) {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return
	}
	_ = func() {
		resp.Body.Close()
	}
}

// A closure called where it stands runs: its close counts.
func runNow(client *http.Client, req *http.Request) {
	resp, err := client.Do(req)
	if err != nil {
		return
	}
	closeIt := func() { resp.Body.Close() }
	closeIt()
}

// A deferred literal handed the body, which does nothing with it.
func deferredNothing(client *http.Client, req *http.Request) {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return
	}
	defer func(body io.ReadCloser) {}(resp.Body)
}

// A deferred literal handed the body, which closes it.
func deferredClose(client *http.Client, req *http.Request) {
	resp, err := client.Do(req)
	if err != nil {
		return
	}
	defer func(body io.ReadCloser) { _ = body.Close() }(resp.Body)
}

// A limiting wrapper thrown away: the body it wraps stays open.
func wrappedDropped(w http.ResponseWriter, client *http.Client, req *http.Request) {
	resp, err := client.Do(req) // want "LG401"
	if err != nil {
		return
	}
	_ = http.MaxBytesReader(w, resp.Body, 1<<20)
}

// The wrapper kept in the body's place: closing it closes the body.
func wrappedKept(w http.ResponseWriter, client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body = http.MaxBytesReader(w, resp.Body, 1<<20)
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// openStatus returns a response it leaves open: its callers own the body.
func openStatus(client *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// fetchBody reads and closes the body itself: its callers own nothing.
func fetchBody(client *http.Client, url string) (*http.Response, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return resp, err
}

func statusOf(client *http.Client, url string) int {
	resp, err := openStatus(client, url) // want "LG401: the body of `resp` \\(openStatus\\)"
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func probe(client *http.Client, url string) {
	_, _ = openStatus(client, url) // want "LG401: assigned to `_`"
}

func statusClosed(client *http.Client, url string) int {
	resp, err := openStatus(client, url)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

func statusFetched(client *http.Client, url string) int {
	resp, err := fetchBody(client, url)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// A getter of a response stored earlier sends nothing: its callers own no new body.
type future struct{ resp *http.Response }

func (f *future) Response() (*http.Response, error) { return f.resp, nil }

func (f *future) Done() bool {
	resp, err := f.Response()
	return err == nil && resp.StatusCode == http.StatusOK
}

// A pass-through that checks a response and hands the same one back opens nothing new.
func checked(resp *http.Response, err error) (*http.Response, error) {
	if err == nil && resp.StatusCode >= 400 {
		return resp, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, err
}

// A helper that hands the response to another that may close it does not give it back whole.
func decoded(client *http.Client, url string, v any) (*http.Response, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, decodeInto(resp, v)
}

func decodeInto(resp *http.Response, v any) error {
	defer resp.Body.Close()
	return nil
}

func useDecoded(client *http.Client, url string) int {
	resp, err := decoded(client, url, nil)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func retriedCheck(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	resp, err = checked(resp, err)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// The response checked by a pass-through and dropped: the same open body is thrown away.
func disconnect(client *http.Client, req *http.Request) error {
	if _, err := checked(client.Do(req)); err != nil { // want "LG401: assigned to `_`"
		return err
	}
	return nil
}

// Checked by a pass-through into the same variable, then replaced by the next page.
func pages(client *http.Client, first *http.Request, next *http.Request) error {
	resp, err := client.Do(first)
	if err != nil {
		return err
	}
	resp, err = checked(resp, err)
	if err != nil {
		return err
	}
	resp, err = client.Do(next) // want "LG401: `resp` is replaced here"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A checker that copies the body out, closes it and hands back the response with an in-memory
// body: the response dropped afterwards holds no connection.
func buffered(resp *http.Response, err error) (*http.Response, error) {
	if err != nil {
		return resp, err
	}
	data, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	if readErr != nil {
		return nil, readErr
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, nil
}

func putBuffered(client *http.Client, req *http.Request) error {
	if _, err := buffered(client.Do(req)); err != nil {
		return err
	}
	return nil
}
