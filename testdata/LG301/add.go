package waitgroups

import "sync"

func addFirst(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			wg.Add(1) // want "LG301"
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}

func addLater(jobs []int) {
	wg := &sync.WaitGroup{}
	for _, job := range jobs {
		go func() {
			prepare(job)
			wg.Add(1) // want "LG301: `wg.Add` runs inside the goroutine it counts"
			run(job)
			wg.Done()
		}()
	}
	wg.Wait()
}

func addThroughParameter(jobs []int) {
	var wg sync.WaitGroup
	go func(group *sync.WaitGroup) {
		group.Add(1) // want "LG301"
		defer group.Done()
	}(&wg)
	wg.Wait()
}

type server struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

func (s *server) start() {
	go func() {
		s.wg.Add(1) // want "LG301"
		defer s.wg.Done()
		<-s.quit
	}()
}

func (s *server) stop() {
	close(s.quit)
	s.wg.Wait()
}

func run(int)     {}
func prepare(int) {}
