package waitgroups

import "sync"

func serial(urls []string) {
	var wg sync.WaitGroup
	for _, url := range urls {
		wg.Add(1)
		go fetch(url, &wg)
		wg.Wait() // want "LG304"
	}
}

func counted(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
		wg.Wait() // want "LG304: `wg.Wait\\(\\)` inside the loop that starts the goroutines"
	}
}

func fetch(string, *sync.WaitGroup) {}

// One goroutine per iteration, waited for at once, though its group is the iteration's own.
func perItem(items []string) {
	for _, item := range items {
		var wg sync.WaitGroup
		wg.Add(1)
		go fetch(item, &wg)
		wg.Wait() // want "LG304"
	}
}

// The count is added for every item before the loop: the first Wait never returns.
func countedUpFront(items []string) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, item := range items {
		go func(item string) {
			defer wg.Done()
			_ = item
		}(item)
		wg.Wait() // want "LG304: `wg.Wait\\(\\)` inside the loop blocks forever: `wg.Add\\(len\\(items\\)\\)` \\(line 40\\) counted every iteration's goroutine before the loop"
	}
}

func countedUpFrontN(n int) {
	wg := &sync.WaitGroup{}
	wg.Add(n)
	for i := 0; i < n; i++ {
		go wg.Done()
		fetch("", wg)
		wg.Wait() // want "LG304: `wg.Wait\\(\\)` inside the loop blocks forever"
	}
}
