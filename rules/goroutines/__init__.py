"""Family 2: goroutines that can never exit, loops that spin, loops that ignore cancellation."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
