package fetch

import (
	"errors"
	"time"
)

func Check(v int) bool { return v > 0 }

// The worker reports a problem before it closes done: the function cannot see done closed
// until the report has been received, so the report is never abandoned.
func ReportThenFinish(values []int) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() {
		for _, v := range values {
			if !Check(v) {
				errCh <- errors.New("bad value")
			}
		}
		close(done)
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}

// The same signal given before the report: the function can take done and return while
// the report is still waiting.
func FinishThenReport(v int) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() {
		close(done)
		if !Check(v) {
			errCh <- errors.New("bad value") // want "LG102"
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}

// Another goroutine may close done: the report can still be left behind.
func SomeoneElseFinishes(v int) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() {
		if !Check(v) {
			errCh <- errors.New("bad value") // want "LG102"
		}
	}()
	go func() {
		time.Sleep(time.Second)
		close(done)
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}

// A timeout still abandons the report, whatever done says.
func ReportOrTimeout(v int) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() {
		if !Check(v) {
			errCh <- errors.New("bad value") // want "LG102"
		}
		close(done)
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

// The same signal deferred by the worker: it runs when the worker ends, after its sends.
func ReportThenDeferredFinish(values []int) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, v := range values {
			if !Check(v) {
				errCh <- errors.New("bad value")
			}
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}

// The worker gives one answer and returns, on either channel: once the function has taken
// the error, no done comes, and once it has taken done, no error comes.
func EitherAnswer(events <-chan int, errs <-chan error) error {
	done := make(chan struct{})
	errCh := make(chan error)
	go func() {
		for {
			select {
			case v := <-events:
				if Check(v) {
					done <- struct{}{}
					return
				}
			case err := <-errs:
				errCh <- err
				close(errCh)
				return
			}
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}

// The same worker goes on after the error: the function takes the error and returns, and the
// worker's next done is left waiting.
func AnswersThenGoesOn(events <-chan int, errs <-chan error) error {
	done := make(chan struct{})
	errCh := make(chan error)
	go func() {
		for {
			select {
			case v := <-events:
				if Check(v) {
					done <- struct{}{} // want "LG102"
					return
				}
			case err := <-errs:
				errCh <- err // want "LG102"
			}
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}
