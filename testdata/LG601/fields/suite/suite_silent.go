package suite

import (
	"context"
	"testing"
	"time"
)

// An integration suite outside _test.go files: its cancel lives no longer than the test binary.
type Suite struct {
	t      *testing.T
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *Suite) SetupTest() {
	s.ctx, s.cancel = context.WithTimeout(context.Background(), 5*time.Minute)
}
