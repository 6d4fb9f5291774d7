"""Family 4: network resources — response bodies never closed, closed before the error check,
clients without a timeout, servers without read timeouts."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
