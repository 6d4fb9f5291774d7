// A proxy daemon: main serves nothing itself, its library polls a broker on a ticker.
package main

import "example.com/proxy/lib"

func main() {
	lib.Start("https://broker.example.com")
}
