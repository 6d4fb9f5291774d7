package unused

import "net/http"

// Kept for a refactoring, its authors told the unused linter: nothing calls it.
//
//nolint:unused // re-wired once the new client lands
func runConsole(url string) {
	go runConsoleWithoutProxy(url)
	resp, err := http.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// Started only by the unused runConsole.
//
//nolint:unused
func runConsoleWithoutProxy(url string) {
	resp, err := http.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

//lint:ignore U1000 kept for the next release
func legacyProbe(url string) {
	resp, err := http.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// Marked unused, but the code below calls it: it runs.
//
//nolint:unused
func stillCalled(url string) {
	resp, err := http.Get(url) // want "LG403" "LG603"
	if err == nil {
		resp.Body.Close()
	}
}

// No mark: an unexported function nobody calls here may be a fixture's, a generated
// package's or a build variant's; it is reported.
func unmarked(url string) {
	resp, err := http.Get(url) // want "LG403" "LG603"
	if err == nil {
		resp.Body.Close()
	}
}

func Serve(url string) {
	stillCalled(url)
}
