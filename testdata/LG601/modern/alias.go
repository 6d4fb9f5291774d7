package modern

import "context"

// Go 1.24: generic type aliases.
type Set[T comparable] = map[T]struct{}

func AfterAlias(parent context.Context) Set[string] {
	ctx, _ := context.WithCancel(parent) // want "LG601" "LG605"
	_ = ctx
	return Set[string]{}
}
