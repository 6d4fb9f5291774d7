package network

import "net/http"

// The client kept in httpClient is never read: every request goes through the proxy's own
// client below, so its missing timeout bounds nothing.
type monitor struct {
	httpClient *http.Client
	endpoint   string
}

func newMonitor(endpoint string) *monitor {
	return &monitor{httpClient: &http.Client{}, endpoint: endpoint}
}

// The client kept in transport is read for every call: it needs the timeout.
type uploader struct {
	transport *http.Client
}

func newUploader() *uploader {
	return &uploader{transport: &http.Client{}} // want "LG403"
}

func (u *uploader) put(req *http.Request) error {
	resp, err := u.transport.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
