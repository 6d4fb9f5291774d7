package pipeline

// The producer closes with defer: the range ends.
func deferred(jobs []int) int {
	results := make(chan int)
	go func() {
		defer close(results)
		for _, j := range jobs {
			results <- work(j)
		}
	}()
	total := 0
	for r := range results {
		total += r
	}
	return total
}

func produce(ch chan<- int) {
	ch <- 1
	close(ch)
}

// Passed to a function that may close it: it escapes.
func escapes() int {
	ch := make(chan int)
	go produce(ch)
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// Closed by the maker after sending on every path.
func makerCloses(items []int) {
	ch := make(chan int, len(items))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range ch {
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
	<-done
}

// The early return comes before the close, and never reaches the range either.
func firstError(paths []string, stat func(string) error) error {
	errs := make(chan error, len(paths))
	for _, p := range paths {
		if p == "" {
			return nil
		}
		go func(p string) { errs <- stat(p) }(p)
	}
	close(errs)
	for err := range errs {
		return err
	}
	return nil
}

// The closes are spread over a callback and the goroutine around it: together they may cover
// every path (filepath.Walk calls back with the error it returns).
func walkAll(root string, walk func(string, func(string, error) error) error) int {
	files := make(chan string, 16)
	go func() {
		err := walk(root, func(p string, err error) error {
			if err != nil {
				close(files)
				return err
			}
			files <- p
			return nil
		})
		if err == nil {
			close(files)
		}
	}()
	n := 0
	for range files {
		n++
	}
	return n
}
