"""Family 6: contexts — lost cancels, dropped parents, requests without context, goroutines
that outlive the context they use."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
