package work

import "testing"

func TestHelper(t *testing.T) {
	if err := Helper("localhost:1"); err != nil {
		t.Log(err)
	}
}
