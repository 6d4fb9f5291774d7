package pipeline

func work(n int) int { return n * 2 }

// Nobody closes results: the range never ends.
func sum(jobs []int) int {
	results := make(chan int)
	go func() {
		for _, j := range jobs {
			results <- work(j)
		}
	}()
	total := 0
	for r := range results { // want "LG101: range over `results` \\(made on line 7\\) never ends: it is never closed"
		total += r
	}
	return total
}

// The range runs in a goroutine, and the producer closure never closes.
func consume(items []int, out func(int)) {
	ch := make(chan int, len(items))
	go func() {
		for v := range ch { // want "LG101"
			out(v)
		}
	}()
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
}

// The producer closes on only some of its paths.
func partial(items []int, fail bool) int {
	ch := make(chan int)
	go func() {
		if fail {
			return
		}
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	n := 0
	for range ch { // want "LG101: closed on only some paths \\(the return on line 40 skips the close\\)"
		n++
	}
	return n
}
