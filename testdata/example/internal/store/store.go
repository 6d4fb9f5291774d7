// Package store talks to an upstream inventory service.
package store

import (
	"context"
	"net/http"
	"time"
)

type Store struct{ client *http.Client }

func New() *Store { return &Store{client: &http.Client{Timeout: 5 * time.Second}} }

// Save checks the inventory, then records the order.
func (s *Store) Save(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want "LG601" "LG605"
	if id == "" {
		return nil // want "LG601" "LG605"
	}
	defer cancel()
	req, err := http.NewRequest(http.MethodPost, "http://inventory/"+id, nil) // want "LG603"
	if err != nil {
		return err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	go s.audit(ctx, id) // want "LG604"
	return s.record(context.Background(), id) // want "LG602"
}

func (s *Store) record(ctx context.Context, id string) error { return ctx.Err() }

func (s *Store) audit(ctx context.Context, id string) { _ = s.record(ctx, id) }
