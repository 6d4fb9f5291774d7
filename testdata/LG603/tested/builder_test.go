package tested

import "testing"

func TestBuildRequest(t *testing.T) {
	if got := BuildRequest("http://example.com/x"); got.URL.Path != "/x" {
		t.Fatal(got.URL)
	}
}
