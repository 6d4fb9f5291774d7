package modern

import "context"

// Go 1.18: generic constraints with type sets.
type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs ...T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func AfterConstraints(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601" "LG605"
	_ = ctx
}
