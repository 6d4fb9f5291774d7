"""Other linters' names and check codes, and the leakgate rules that find the same defect.

Contractors' code already carries suppressions written for the linters they run. A finding a
reviewer accepted under another linter's name (`//nolint:contextcheck // reason`,
`//lint:ignore SA2000 reason`) must not come back under ours. Only names that find the same
defect are listed: a peer name missing here suppresses nothing of ours.
"""

from __future__ import annotations

# golangci-lint linter names, as written in `//nolint:NAME`.
NOLINT_NAMES: dict[str, tuple[str, ...]] = {
    # lostcancel, httpresponse, copylocks, waitgroup
    "govet": ("LG601", "LG605", "LG402", "LG303", "LG301"),
    "contextcheck": ("LG602",),
    "noctx": ("LG603",),
    "bodyclose": ("LG401",),
    "gosec": ("LG404",),  # G112 and G114: servers without timeouts
    "spancheck": ("LG704",),
    "staticcheck": ("LG202", "LG301", "LG502"),  # SA5002/SA5004, SA2000, SA1015
}

# Check codes and analyzer names, as written in staticcheck's `//lint:ignore CODE reason` and
# `//lint:file-ignore CODE reason` (and accepted in `//nolint:` too).
CHECK_CODES: dict[str, tuple[str, ...]] = {
    "SA1015": ("LG502",),  # time.Tick leaks the ticker
    "SA2000": ("LG301",),  # sync.WaitGroup.Add inside the goroutine
    "SA5002": ("LG202",),  # empty for loop
    "SA5004": ("LG202",),  # for { select { default: } } spins
    "lostcancel": ("LG601", "LG605"),
    "copylocks": ("LG303",),
    "waitgroup": ("LG301",),
    "httpresponse": ("LG402",),
    "G112": ("LG404",),  # ReadHeaderTimeout not set
    "G114": ("LG404",),  # net/http serve function without timeouts
}


def rules_for(name: str) -> tuple[str, ...]:
    """Our rule IDs a peer linter name or check code stands for (empty when none)."""
    return NOLINT_NAMES.get(name.lower()) or CHECK_CODES.get(name) or \
        CHECK_CODES.get(name.upper()) or ()
