package modern

import "context"

// A declaration that is not Go at all costs only itself.
func half( {
	return
}

func afterBroken(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601"
	_ = ctx
}
