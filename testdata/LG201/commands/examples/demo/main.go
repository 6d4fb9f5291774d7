package main

import "example.com/commands/shard"

func main() {
	_ = shard.New("demo")
	select {}
}
