package worker

import (
	"context"
	"net/http"

	"example.com/shop/api"
)

// Run holds a context and sends the request built without it.
func Run(ctx context.Context, url string) error {
	req, err := api.Build(url)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want "LG403"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
