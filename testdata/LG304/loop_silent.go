package waitgroups

import "sync"

func afterLoop(urls []string) {
	var wg sync.WaitGroup
	for _, url := range urls {
		wg.Add(1)
		go fetch(url, &wg)
	}
	wg.Wait()
}

func batches(urls []string) {
	var wg sync.WaitGroup
	for i, url := range urls {
		wg.Add(1)
		go fetch(url, &wg)
		if i%10 == 9 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func innerBatch(batches [][]string) {
	for _, batch := range batches {
		var wg sync.WaitGroup
		for _, url := range batch {
			wg.Add(1)
			go fetch(url, &wg)
		}
		wg.Wait()
	}
}

// A supervisor restarting one worker at a time.
func supervise(work func()) {
	var wg sync.WaitGroup
	for {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
		wg.Wait()
	}
}

// Work between go and Wait runs concurrently with the goroutine.
func dialAndAccept(addrs []string, accept func() error) {
	for _, addr := range addrs {
		var wg sync.WaitGroup
		wg.Add(1)
		go fetch(addr, &wg)
		if err := accept(); err != nil {
			return
		}
		wg.Wait()
	}
}

// A retry loop runs f in a goroutine so that a Goexit inside ends only that attempt.
func retry(next func() bool, f func()) {
	for next() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
		wg.Wait()
	}
}

// Each iteration starts two goroutines that run at the same time, then joins them before it
// reads what they found: a fork and join per item.
func bothWays(pairs [][2]string) {
	for _, pair := range pairs {
		var wg sync.WaitGroup
		var there, back bool
		wg.Add(2)
		go func() {
			defer wg.Done()
			there = pair[0] != ""
		}()
		go func() {
			defer wg.Done()
			back = pair[1] != ""
		}()
		wg.Wait()
		if there != back {
			return
		}
	}
}

// A job-counting group: every item counted up front, waited for after the loop.
func countedJobs(items []string) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, item := range items {
		go func(item string) {
			defer wg.Done()
			_ = item
		}(item)
	}
	wg.Wait()
}

// Waited in batches of a count added per batch.
func batchCounted(batches [][]string) {
	var wg sync.WaitGroup
	for _, batch := range batches {
		wg.Add(len(batch))
		for _, item := range batch {
			go fetch(item, &wg)
		}
		wg.Wait()
	}
}
