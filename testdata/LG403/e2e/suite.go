// An end-to-end suite written with a test framework, outside _test.go files: test code.
package e2e

import (
	"net/http"

	. "github.com/onsi/ginkgo"
	. "github.com/onsi/gomega"
)

var _ = Describe("the service", func() {
	It("answers", func() {
		resp, err := http.Get("https://staging.example/healthz")
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.StatusCode).To(Equal(http.StatusOK))
	})
})
