package fetch


// The loop returns only once all three cases have fired, one per sender: every send is taken.
func ShutdownCounted() error {
	served := make(chan struct{})
	closed := make(chan struct{})
	stopped := make(chan struct{})
	go func() { served <- struct{}{} }()
	go func() { closed <- struct{}{} }()
	go func() { stopped <- struct{}{} }()
	done := 0
	for {
		select {
		case <-served:
			done++
		case <-closed:
			done++
		case <-stopped:
			done++
		}
		if done == 3 {
			return nil
		}
	}
}

// Two of three are enough to return: the third sender can be left blocked.
func ShutdownPartly() error {
	served := make(chan struct{})
	closed := make(chan struct{})
	stopped := make(chan struct{})
	go func() { served <- struct{}{} }()  // want "LG102"
	go func() { closed <- struct{}{} }()  // want "LG102"
	go func() { stopped <- struct{}{} }() // want "LG102"
	done := 0
	for {
		select {
		case <-served:
			done++
		case <-closed:
			done++
		case <-stopped:
			done++
		}
		if done == 2 {
			return nil
		}
	}
}
