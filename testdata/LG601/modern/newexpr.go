package modern

import (
	"context"
	"time"
)

// Go 1.26: new with an expression.
func DefaultTimeout() *time.Duration {
	return new(30 * time.Second)
}

func AfterNewExpr(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601" "LG605"
	_ = ctx
}
