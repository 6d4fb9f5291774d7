package producers

type source struct{ items []int }

func fill(ch chan int, items []int) {
	for _, it := range items {
		ch <- it
	}
	close(ch)
}

func fillDeferred(ch chan<- int, items []int) {
	defer close(ch)
	for _, it := range items {
		ch <- it
	}
}

func relay(ch chan int, items []int) {
	fill(ch, items)
}

func produce(ch chan int, items []int) {
	for _, it := range items {
		ch <- it
	}
}

func (s *source) emit(ch chan<- int) {
	for _, it := range s.items {
		ch <- it
	}
}
