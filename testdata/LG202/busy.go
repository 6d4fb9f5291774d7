package spin

func ready() bool { return true }

func spin(ch chan int) {
	for { // want "LG202: this loop has an empty body"
	}
}

func constant() {
	done := false
	for !done {
	}
	for true { // want "LG202: condition `true` never changes"
	}
	stop := true
	for stop { // want "LG202: condition `stop` never changes"
	}
}

func emptyDefault(ch chan int) {
	for {
		select {
		case v := <-ch:
			_ = v
		default: // want "LG202: empty `default:`"
		}
	}
}
