package versions

import "sync"

func fanOut(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			wg.Add(1) // want(<1.25) "LG301: before the `go` statement$" want(>=1.25) "LG301: or start it with `wg.Go"
			defer wg.Done()
			job()
		}()
	}
	wg.Wait()
}
