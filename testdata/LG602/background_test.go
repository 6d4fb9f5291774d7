package store

import (
	"context"
	"testing"
)

// Tests build their own contexts.
func helper(ctx context.Context, t *testing.T) {
	_ = context.Background()
}
