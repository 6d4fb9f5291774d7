"""Family 7: observability — runtime collectors registered twice, metrics registered per call,
spans never ended."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
