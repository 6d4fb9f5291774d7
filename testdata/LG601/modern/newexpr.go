package modern

import (
	"context"
	"time"
)

// Go 1.26: new with an expression.
func defaultTimeout() *time.Duration {
	return new(30 * time.Second)
}

func afterNewExpr(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601"
	_ = ctx
}
