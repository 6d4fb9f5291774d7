package handed

import "context"

type worker struct{}

func get(ctx context.Context) int { return 1 }

func fetchInto(ctx context.Context, out chan<- int) {
	out <- get(ctx)
}

func offerInto(ctx context.Context, out chan<- int) {
	select {
	case out <- get(ctx):
	case <-ctx.Done():
	}
}

func (w *worker) relay(ctx context.Context, out chan<- int) {
	fetchInto(ctx, out)
}
