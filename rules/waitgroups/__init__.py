"""Family 3: sync.WaitGroup misuse — Add inside the goroutine, Done that can be skipped, groups
copied by value, Wait inside the loop that starts the goroutines."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
