package client

import (
	"context"
	stdhttp "net/http"
)

// An aliased import of net/http is still net/http.
func aliasedGet(url string) (*stdhttp.Response, error) {
	return stdhttp.Get(url) // want "LG603" "LG403"
}

// It holds a context it does not pass.
func aliasedNewRequest(ctx context.Context, url string) (*stdhttp.Request, error) {
	return stdhttp.NewRequest("GET", url, nil) // want "LG603"
}
