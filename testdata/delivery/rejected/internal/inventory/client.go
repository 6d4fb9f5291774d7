package inventory

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"go.opentelemetry.io/otel"
)

type Client struct {
	base string
	http *http.Client
}

func New(base string) *Client { return &Client{base: base, http: &http.Client{}} }

func (c *Client) Count(ctx context.Context, sku string) (int, error) {
	ctx, span := otel.Tracer("inventory").Start(ctx, "inventory.Count")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/count/"+sku, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("inventory: %s", resp.Status)
	}
	defer resp.Body.Close()
	var n int
	err = json.NewDecoder(resp.Body).Decode(&n)
	span.End()
	return n, err
}
