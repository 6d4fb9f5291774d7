package waitgroups

import (
	"errors"
	"sync"
)

func earlyReturn(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			if err := check(job); err != nil {
				return // want "LG302: this return skips `wg.Done\\(\\)`"
			}
			run(job)
			wg.Done()
		}()
	}
	wg.Wait()
}

func continueSkipsGo(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1) // want "LG302: a path from this `wg.Add` reaches `wg.Wait\\(\\)`"
		if job < 0 {
			continue
		}
		go func() {
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}

func recovered(jobs []int, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer func() { _ = recover() }()
		run(jobs[0])
		wg.Done() // want "LG302: .* not deferred in a goroutine that recovers"
	}()
}

func neverDone(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1) // want "LG302: nothing calls `wg.Done\\(\\)`"
		go run(job)
	}
	wg.Wait()
}

type server struct {
	wg sync.WaitGroup
	in chan int
}

func (s *server) Start() {
	s.wg.Add(1)
	go s.loop()
}

func (s *server) loop() {
	for v := range s.in {
		if v < 0 {
			return // want "LG302"
		}
	}
	s.wg.Done()
}

func (s *server) Close() {
	close(s.in)
	s.wg.Wait()
}

func check(job int) error {
	if job < 0 {
		return errors.New("negative")
	}
	return nil
}

func run(int) {}
