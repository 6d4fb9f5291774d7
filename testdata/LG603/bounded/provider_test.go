package provider

import (
	"context"
	"testing"
)

func TestCheck(t *testing.T) {
	_ = context.Background()
	if _, err := (&Provider{}).Check("http://example.com"); err != nil {
		t.Fatal(err)
	}
}
