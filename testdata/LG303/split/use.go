package split

func Track(t Tracker) { // want "LG303: parameter `t` copies a `Tracker`"
	t.wg.Add(1)
}

func Nested(o Outer) {} // want "LG303: parameter `o` copies a `Outer`"

func ByPointer(o *Outer) {}
