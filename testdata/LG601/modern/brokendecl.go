package modern

import "context"

// A declaration that is not Go at all costs only itself.
func Half( {
	return
}

func AfterBroken(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601" "LG605"
	_ = ctx
}
