// A daemon's run loop, called only by main (its test reaches it through export_test.go): its
// ticker lives as long as the process.
package main

import (
	"log"
	"os"
	"time"
)

func main() {
	if err := run(); err != nil {
		os.Exit(1)
	}
}

func run() error {
	ticker := time.NewTicker(time.Minute)
	for range ticker.C {
		if err := checkpoint(); err != nil {
			return err
		}
	}
	return nil
}

func checkpoint() error {
	log.Println("checkpoint")
	return nil
}

// Not on the way from main (only a test runs the helper that loops over it): reported.
func pass(names []string) {
	for range names {
		watch()
	}
}

func watch() error {
	ticker := time.NewTicker(time.Second) // want "LG501"
	for range ticker.C {
		if err := checkpoint(); err != nil {
			return err
		}
	}
	return nil
}
