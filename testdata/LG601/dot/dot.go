package dot

import (
	. "context"
)

// A dot import of context: WithCancel is context.WithCancel.
func DotImport(parent Context) {
	ctx, _ := WithCancel(parent) // want "LG601: discarded" "LG605"
	_ = ctx
}
