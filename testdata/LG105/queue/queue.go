package queue

import "sync"

type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func New() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Get waits once: another consumer may have taken the item by the time it wakes.
func (q *Queue) Get() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		q.cond.Wait() // want "LG105: `q.cond.Wait\\(\\)` outside a loop: when it returns the condition may no longer hold"
	}
	item := q.items[0]
	q.items = q.items[1:]
	return item
}

// Take re-checks in a loop.
func (q *Queue) Take() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	item := q.items[0]
	q.items = q.items[1:]
	return item
}
