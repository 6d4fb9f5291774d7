package oldgo

import "context"

func use(ctx context.Context) error { return ctx.Err() }

// Before Go 1.21 there is no WithoutCancel to suggest.
func Load(ctx context.Context) error {
	return use(context.Background()) // want "LG602: pass `ctx` instead.$"
}
