package store

import (
	"context"
	"os"
	"path/filepath"
	"sort"

	"example.com/lg602/waiter"
)

type entry struct{ name string }

func lookup(ctx context.Context, name string) (int, error) { return len(name), ctx.Err() }

// forEachDir calls fn on its own path, for every directory: fn runs under the caller's ctx.
func forEachDir(root string, fn func(dir string) error) error {
	for _, dir := range []string{root} {
		if err := fn(dir); err != nil {
			return err
		}
	}
	return nil
}

// later keeps fn to call it when an event comes: a callback with no caller to inherit from.
type later struct{ fns []func() }

func (l *later) onEvent(fn func()) { l.fns = append(l.fns, fn) }

// onClose is kept to run when the connection closes, long after the call.
func dial(ctx context.Context, onClose func()) error {
	go func() {
		<-ctx.Done()
		onClose()
	}()
	return nil
}

// Literals run by sort.Slice and filepath.Walk before they return, by a function of the
// package that calls its parameter on its own path, or handed with the caller's context to
// another package, run under it; those kept to run later have lifetimes of their own.
func scan(ctx context.Context, root string, entries []entry, l *later) error {
	sort.Slice(entries, func(i, j int) bool {
		a, _ := lookup(context.Background(), entries[i].name) // want "LG602"
		b, _ := lookup(ctx, entries[j].name)
		return a < b
	})
	_ = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		_, err = lookup(context.TODO(), path) // want "LG602"
		return err
	})
	_ = forEachDir(root, func(dir string) error {
		_, err := lookup(context.Background(), dir) // want "LG602"
		return err
	})
	_ = waiter.WaitForState(ctx, func() (int, error) {
		return lookup(context.Background(), root) // want "LG602"
	})
	_ = dial(ctx, func() {
		_, _ = lookup(context.Background(), root)
	})
	l.onEvent(func() {
		_, _ = lookup(context.Background(), root)
	})
	return nil
}
