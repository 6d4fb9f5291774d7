package fanin

import (
	"context"
	"net/http"
)

func Fetch(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The first error returns from the loop that receives: the fetches still running block on
// their sends forever.
func FetchAll(ctx context.Context, urls []string) error {
	errs := make(chan error)
	for _, url := range urls {
		go func(url string) {
			errs <- Fetch(ctx, url) // want "LG102: goroutine started on line 25 sends on unbuffered channel `errs`; the function can return at line 31 inside the loop that receives it, with other sends still due"
		}(url)
	}
	for range urls {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// Cancellation between two results leaves the rest of the workers blocked.
func Collect(ctx context.Context, urls []string) []error {
	results := make(chan error)
	for _, url := range urls {
		go func(url string) {
			results <- Fetch(ctx, url) // want "LG102: goroutine started on line 41 sends on unbuffered channel `results`; the function can return at line 51 inside the loop"
		}(url)
	}
	var found []error
	for range urls {
		select {
		case err := <-results:
			found = append(found, err)
		case <-ctx.Done():
			return found
		}
	}
	return found
}

// Look-alikes.

// Room for every send: the early return strands nobody.
func FetchAllBuffered(ctx context.Context, urls []string) error {
	errs := make(chan error, len(urls))
	for _, url := range urls {
		go func(url string) { errs <- Fetch(ctx, url) }(url)
	}
	for range urls {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// The return comes only once every result is in.
func CountAll(ctx context.Context, urls []string) int {
	results := make(chan error)
	for _, url := range urls {
		go func(url string) { results <- Fetch(ctx, url) }(url)
	}
	got, failed := 0, 0
	for {
		if err := <-results; err != nil {
			failed++
		}
		got++
		if got == len(urls) {
			return failed
		}
	}
}

// One goroutine, one send: the receive that returns takes the only value.
func First(ctx context.Context, url string) error {
	done := make(chan error)
	go func() { done <- Fetch(ctx, url) }()
	for {
		if err := <-done; err != nil {
			return err
		}
		return nil
	}
}

// The goroutine sends once whatever the loop in it does: each send is its last word.
func Listen(ctx context.Context, urls []string) error {
	done := make(chan error)
	go func() {
		for _, url := range urls {
			if err := Fetch(ctx, url); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for {
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
		}
	}
}

// Drained before the return: the sender's last values are taken, and it closes the channel.
func Decode(ctx context.Context, urls []string) error {
	values := make(chan error)
	go func() {
		defer close(values)
		for _, url := range urls {
			values <- Fetch(ctx, url)
		}
	}()
	for range urls {
		if err := <-values; err != nil {
			for range values {
			}
			return err
		}
	}
	return nil
}

// One check started per pass and received before the next: none left when it returns.
func Poll(ctx context.Context, url string) error {
	results := make(chan error)
	for {
		go func() { results <- Fetch(ctx, url) }()
		if err := <-results; err == nil {
			return nil
		}
	}
}

// The first success returns: the other fetches block on their sends.
func AnyUp(ctx context.Context, urls []string) bool {
	errs := make(chan error)
	for _, url := range urls {
		go func(url string) {
			errs <- Fetch(ctx, url) // want "LG102: goroutine started on line 158 sends on unbuffered channel `errs`; the function can return at line 164 inside the loop"
		}(url)
	}
	for range urls {
		if err := <-errs; err == nil {
			return true
		}
	}
	return false
}
