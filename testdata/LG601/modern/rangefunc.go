package modern

import (
	"context"
	"iter"
)

// Go 1.23: range over a function (an iterator).
func Evens(limit int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < limit; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

func FirstEven() int {
	for v := range Evens(10) {
		return v
	}
	return -1
}

func AfterRangeFunc(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "LG601" "LG605"
	_ = ctx
}
