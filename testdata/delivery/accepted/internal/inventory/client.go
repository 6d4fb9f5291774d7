package inventory

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"go.opentelemetry.io/otel"
)

type Client struct {
	base string
	http *http.Client
}

func New(base string) *Client {
	return &Client{base: base, http: &http.Client{Timeout: 5 * time.Second}}
}

func (c *Client) Count(ctx context.Context, sku string) (int, error) {
	ctx, span := otel.Tracer("inventory").Start(ctx, "inventory.Count")
	defer span.End()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/count/"+sku, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("inventory: %s", resp.Status)
	}
	var n int
	err = json.NewDecoder(resp.Body).Decode(&n)
	return n, err
}
