package network

import "net/http"

const agentURL = "http://127.0.0.1:8500/v1/agent/self"

// A client kept in a local that sends only to the host's own agent: no remote peer can hold it.
func agentSelf() (*http.Response, error) {
	client := &http.Client{}
	req, err := http.NewRequest("GET", agentURL, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// The default client, with a request to the same local agent.
func agentSelfDefault() (*http.Response, error) {
	req, err := http.NewRequest("GET", agentURL, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// The same client also sends to a remote host: it needs a timeout.
func agentAndRemote(remote string) error {
	client := &http.Client{} // want "LG403"
	resp, err := client.Get(agentURL)
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = client.Get(remote) // want "LG603"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A remote request through the default client.
func remoteDefault(remote string) (*http.Response, error) {
	req, err := http.NewRequest("GET", remote, nil) // want "LG603"
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want "LG403"
}
