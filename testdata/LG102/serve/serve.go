package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// The goroutine sends only when serving fails for another reason than the Shutdown on the
// way out: after it, ListenAndServe returns ErrServerClosed and nothing is sent.
func RunUntilDone(ctx context.Context, server *http.Server) error {
	errChan := make(chan error)
	go func() {
		if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errChan <- err
		}
	}()
	select {
	case <-ctx.Done():
		return server.Shutdown(context.Background())
	case err := <-errChan:
		return err
	}
}

// A deferred Close shuts it down on every way out.
func ServeDeferred(ctx context.Context, l net.Listener) error {
	server := &http.Server{ReadHeaderTimeout: time.Second}
	failed := make(chan error)
	go func() {
		err := server.Serve(l)
		if err != http.ErrServerClosed {
			failed <- err
		}
	}()
	defer server.Close()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-failed:
		return err
	}
}

// Filtered, but the timeout return leaves the server running: a later failure blocks.
func ServeForAWhile(server *http.Server) error {
	errChan := make(chan error)
	go func() {
		if err := server.ListenAndServe(); err != http.ErrServerClosed {
			errChan <- err // want "LG102: goroutine started on line 50 sends on unbuffered channel `errChan`; the function can return at line 57"
		}
	}()
	select {
	case <-time.After(time.Minute):
		return nil
	case err := <-errChan:
		return err
	}
}

// Shut down, but nothing filters ErrServerClosed: Serve's return after Shutdown is sent, and
// nobody receives it.
func ServeUnfiltered(ctx context.Context, server *http.Server, l net.Listener) error {
	served := make(chan error)
	go func() {
		served <- server.Serve(l) // want "LG102: goroutine started on line 67 sends on unbuffered channel `served`; the function can return at line 72"
	}()
	select {
	case <-ctx.Done():
		return server.Shutdown(context.Background())
	case err := <-served:
		return err
	}
}

// Shut down only when the context says so: the timeout return leaves it serving.
func ServeMaybeStopped(ctx context.Context, server *http.Server) error {
	errChan := make(chan error)
	go func() {
		if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			errChan <- err // want "LG102: goroutine started on line 81 sends on unbuffered channel `errChan`"
		}
	}()
	select {
	case <-time.After(time.Minute):
		if ctx.Err() != nil {
			_ = server.Shutdown(context.Background())
		}
		return nil
	case err := <-errChan:
		return err
	}
}

// The Shutdown in an if's initializer always runs.
func ServeChecked(ctx context.Context, server *http.Server) error {
	errChan := make(chan error)
	go func() {
		if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			errChan <- err
		}
	}()
	select {
	case <-ctx.Done():
		if err := server.Shutdown(context.Background()); err != nil {
			return err
		}
		return nil
	case err := <-errChan:
		return err
	}
}
