package handed

import "context"

type worker struct{}

func Get(ctx context.Context) int { return 1 }

func FetchInto(ctx context.Context, out chan<- int) {
	out <- Get(ctx)
}

func OfferInto(ctx context.Context, out chan<- int) {
	select {
	case out <- Get(ctx):
	case <-ctx.Done():
	}
}

func (w *worker) Relay(ctx context.Context, out chan<- int) {
	FetchInto(ctx, out)
}
