package modern

import "context"

type Box[T any] struct{ v T }

// Go 1.27: methods with their own type parameters.
func (b Box[T]) Map[U any](f func(T) U) Box[U] {
	ctx, _ := context.WithCancel(context.Background()) // want "LG601" "LG605"
	_ = ctx
	return Box[U]{f(b.v)}
}

func AfterGenericMethod(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601" "LG605"
	_ = ctx
}
