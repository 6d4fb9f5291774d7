package channels

import (
	"time"

	. "github.com/onsi/ginkgo"
)

// Ginkgo's Fail aborts the spec (it panics): the goroutine's send is left waiting only in a
// spec that has already failed.
var _ = Describe("blocking pop", func() {
	It("unblocks", func() {
		done := make(chan bool)
		go func() {
			done <- true
		}()
		select {
		case <-done:
		case <-time.After(time.Second):
			Fail("still blocked")
		}
	})

	It("leaks when the timeout only logs", func() {
		done := make(chan bool)
		go func() {
			done <- true
		}()
		select {
		case <-done:
		case <-time.After(time.Second):
			By("still blocked")
		}
	})
})
