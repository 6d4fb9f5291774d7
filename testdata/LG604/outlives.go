package flush

import (
	"context"
	"net/http"
	"time"
)

func export(ctx context.Context) error { return ctx.Err() }

// The goroutine's export is cut off when Handle returns.
func Handle(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	go export(ctx) // want "LG604: goroutine uses `ctx`, which is cancelled when Handle returns \\(`defer cancel\\(\\)` on line 14\\)"
	_ = export(ctx)
}

// A handler's request context ends when the handler returns.
func ServeAudit(w http.ResponseWriter, r *http.Request) {
	go func() { // want "LG604: goroutine uses `r.Context\\(\\)`, which is cancelled when ServeAudit returns"
		_ = export(r.Context())
	}()
	w.WriteHeader(http.StatusAccepted)
}
