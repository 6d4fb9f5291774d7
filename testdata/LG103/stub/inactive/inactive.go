package inactive

import "net/http"

type Message struct{ Text string }

// Source is what the daemon reads its messages from.
type Source interface{ Next() (Message, error) }

// Dataplane never has a message: its one reader, a loop that lives as long as the process,
// parks in Next for good. Parked once, that is how it waits.
type Dataplane struct{}

func (Dataplane) Next() (Message, error) {
	never := make(chan Message)
	return <-never, nil
}

// ReadAll runs in the daemon's one reader goroutine.
func ReadAll(s Source, out func(Message)) {
	for {
		m, err := s.Next()
		if err != nil {
			return
		}
		out(m)
	}
}

// ParkPerRequest is a handler that parks: every request strands one more goroutine.
func ParkPerRequest(w http.ResponseWriter, r *http.Request) {
	select {} // want "LG103: `select {}` blocks this goroutine forever"
}

// Hang parks the same way, spelled with a channel.
func Hang(w http.ResponseWriter, r *http.Request) {
	stuck := make(chan struct{})
	<-stuck // want "LG103: receive from `stuck` blocks forever"
}

// HangLater parks the same way after some setup: still a park, on every request.
func HangLater(w http.ResponseWriter, r *http.Request) {
	stuck := make(chan struct{})
	w.WriteHeader(http.StatusAccepted)
	<-stuck // want "LG103: receive from `stuck` blocks forever"
}
