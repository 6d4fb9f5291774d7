package cancelled

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// An action builds its request; the client sends it with a cancel channel closed when the
// caller's context ends (the pre-Go 1.7 idiom): the request can be cancelled.
type action interface {
	HTTPRequest(ep url.URL) *http.Request
}

type getAction struct{ key string }

func (g *getAction) HTTPRequest(ep url.URL) *http.Request {
	req, _ := http.NewRequest("GET", ep.String()+"/"+g.key, nil)
	return req
}

type client struct {
	transport http.RoundTripper
}

func (c *client) Do(ctx context.Context, act action) (*http.Response, error) {
	req := act.HTTPRequest(url.URL{})
	cancel := requestCanceler(req)
	go func() {
		<-ctx.Done()
		cancel()
	}()
	return c.transport.RoundTrip(req)
}

func requestCanceler(req *http.Request) func() {
	ch := make(chan struct{})
	req.Cancel = ch
	return func() { close(ch) }
}

// The cancel channel set directly.
func renew(ctx context.Context, rt http.RoundTripper, u string) (*http.Response, error) {
	cc := &http.Client{Transport: rt}
	req, err := http.NewRequest("POST", u, strings.NewReader("x"))
	if err != nil {
		return nil, err
	}
	req.Cancel = ctx.Done()
	return cc.Do(req)
}

// A same-file helper attaches the context before sending.
type session struct {
	ctx    context.Context
	client *http.Client
}

func (s *session) fetch(u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return nil, err
	}
	return s.doRequest(req)
}

func (s *session) doRequest(req *http.Request) (*http.Response, error) {
	return s.client.Do(req.WithContext(s.ctx))
}

// A helper that sends without a context: the request is reported where it is built.
func (s *session) fetchPlain(u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	return s.send(req)
}

func (s *session) send(req *http.Request) (*http.Response, error) {
	return s.client.Do(req)
}

// Served in-process, never sent over the network.
func status(handler http.HandlerFunc, u string) int {
	w := httptest.NewRecorder()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return -1
	}
	handler(w, req)
	return w.Code
}

func serve(h http.Handler, u string) {
	req, _ := http.NewRequest("GET", u, nil)
	h.ServeHTTP(httptest.NewRecorder(), req)
}

// Signed, then only its URL read: never sent here.
type signer interface {
	Presign(r *http.Request) error
}

func presigned(s signer, u string) (string, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return "", err
	}
	if err := s.Presign(req); err != nil {
		return "", err
	}
	return req.URL.String(), nil
}

// A helper that only sets headers gives the request no context.
func (s *session) fetchWithAgent(u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	setUserAgent(req)
	return s.client.Do(req)
}

func setUserAgent(req *http.Request) {
	req.Header.Set("User-Agent", "x")
}

// A decorator of the same builder interface: judged by the callers of the interface method.
type authed struct {
	act  action
	user string
}

func (a *authed) HTTPRequest(ep url.URL) *http.Request {
	r := a.act.HTTPRequest(ep)
	r.SetBasicAuth(a.user, "")
	return r
}

// Cancelled on a timer, through the transport.
type canceller interface {
	CancelRequest(*http.Request)
}

func (s *session) timed(tr canceller, u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return nil, err
	}
	return s.doTimeout(tr, req)
}

func (s *session) doTimeout(tr canceller, req *http.Request) (*http.Response, error) {
	go func() {
		<-s.ctx.Done()
		tr.CancelRequest(req)
	}()
	return s.client.Do(req)
}

// A helper whose name merely contains "sign" sends it.
func (s *session) fetchAssigned(u string) (*http.Response, error) {
	req, err := http.NewRequest("GET", u, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	return s.assignAndSend(req)
}

func (s *session) assignAndSend(req *http.Request) (*http.Response, error) {
	return s.client.Do(req)
}
