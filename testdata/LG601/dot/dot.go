package dot

import (
	. "context"
)

// A dot import of context: WithCancel is context.WithCancel.
func dotImport(parent Context) {
	ctx, _ := WithCancel(parent) // want "LG601: discarded"
	_ = ctx
}
