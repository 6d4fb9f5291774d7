// A load-test program: main builds one test case (through a constructor that also returns an
// error) and runs it once; its workers live as long as the process.
package main

import (
	"errors"
	"log"
	"time"
)

type testCase struct {
	workers int
	runs    int
}

func newTestCase(workers int) (*testCase, error) {
	if workers < 1 {
		return nil, errors.New("no workers")
	}
	return &testCase{workers: workers}, nil
}

func (t *testCase) Run() {
	for i := 0; i < t.workers; i++ {
		go t.search()
	}
}

func (t *testCase) search() {
	for {
		time.Sleep(time.Millisecond)
		t.runs++
	}
}

// Serve is called for every connection a server accepts: its endless pinger leaks per call.
func (t *testCase) Serve(conns <-chan int) {
	for range conns {
		go func() { // want "LG201"
			for {
				time.Sleep(time.Second)
			}
		}()
	}
}

func main() {
	tc, err := newTestCase(4)
	if err != nil {
		log.Fatal(err)
	}
	tc.Run()
	tc.Serve(make(chan int))
	select {}
}
