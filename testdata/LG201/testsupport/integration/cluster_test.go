package integration

import (
	"testing"

	"example.com/testsupport/integration/client"
)

func TestCluster(t *testing.T) {
	client.KeepAlive(func() {})
}
