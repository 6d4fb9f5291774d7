package tests

import (
	"context"
	"testing"
	"time"
)

// A test-support file outside _test.go is compiled into other packages' tests and programs:
// it is checked like any code.
func TimeoutContext(t *testing.T) context.Context {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want "LG601" "LG605"
	t.Log("made")
	return ctx
}
