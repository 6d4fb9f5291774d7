package modern

import "context"

// Go 1.22: range over an integer.
func CountTo(n int) int {
	total := 0
	for i := range n {
		total += i
	}
	return total
}

func AfterRangeInt(parent context.Context) {
	ctx, _ := context.WithTimeout(parent, 0) // want "LG601" "LG605"
	_ = ctx
}
