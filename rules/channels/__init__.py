"""Family 1: channels — ranges that never end, sends nobody receives, operations that block
forever."""

from leakgate.registry import collect

RULES = collect(__name__, __path__)
