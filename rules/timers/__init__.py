"""Family 5: timers and tickers that are never stopped, and the drain that blocks forever."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
