package tested

import "net/http"

// Only a test calls this exported builder (to inspect the request): its callers elsewhere
// attach the context.
func BuildRequest(u string) *http.Request {
	req, _ := http.NewRequest("GET", u, nil)
	return req
}
