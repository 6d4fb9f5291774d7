// A one-shot migration command: its packages' leaks end with its process.
package main

import (
	"log"

	"example.com/migrate/migrate"
)

func main() {
	if err := migrate.Ping("https://source.example.com"); err != nil {
		log.Fatal(err)
	}
}
