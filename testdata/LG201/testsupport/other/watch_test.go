package other

import (
	"testing"

	"example.com/testsupport/lib/watch"
)

func TestPoll(t *testing.T) {
	watch.Poll(func() {})
}
