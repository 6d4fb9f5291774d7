// A command-line installer: one download, ended by Ctrl-C if it hangs.
package main

import (
	"io"
	"net/http"
	"os"
)

func main() {
	if err := fetch(os.Args[1]); err != nil {
		os.Exit(1)
	}
	http.HandleFunc("/mirror", mirror)
}

func fetch(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}

// A handler in main is service code.
func mirror(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://upstream.example" + r.URL.Path) // want "LG403" "LG603"
	if err != nil {
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}
