package watcher

var subscribers []chan int

// Subscribe keeps the channel and sends on it when something happens.
func Subscribe(ch chan int) { subscribers = append(subscribers, ch) }

// OnEvent calls f for each event.
func OnEvent(f func(int)) { go f(1) }

func notify(v int) {
	for _, ch := range subscribers {
		ch <- v
	}
}
