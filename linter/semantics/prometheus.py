"""client_golang facts read from a package's text: which registries it makes, and whether it
registers the Go or process collector on anything but the default registry. Shared by LG701
and the service facts of the delivery gate."""

from __future__ import annotations

import re

from leakgate.semantics.facts import Fact
from leakgate.semantics.package import PackageView

_REGISTRIES_MADE: Fact[frozenset[str]] = Fact("registries made")
_RUNTIME_REGISTERED: Fact[bool] = Fact("runtime collectors registered")

_NEW_REGISTRY = re.compile(
    rb"\b([A-Za-z_][A-Za-z0-9_]*)\s*(?::?=|:)\s*prometheus\.New(?:Pedantic)?Registry\(\)")
# A runtime collector handed to something other than the default registry's functions.
_RUNTIME_ELSEWHERE = re.compile(
    rb"(?<!prometheus\.)(?<!DefaultRegisterer\.)\b(?:MustRegister|Register)\("
    rb"(?:[^()]|\([^()]*\))*?New(?:Go|Process)Collector\(")


def registries_made(view: PackageView) -> frozenset[str]:
    """Names (variables or fields) the package gives a `prometheus.NewRegistry()`."""

    def compute() -> frozenset[str]:
        return frozenset(m.group(1).decode() for data in view.texts()
                         if b"Registry()" in data for m in _NEW_REGISTRY.finditer(data))

    return view.fact(_REGISTRIES_MADE, compute)


def runtime_collectors_registered(view: PackageView) -> bool:
    def compute() -> bool:
        return any(_RUNTIME_ELSEWHERE.search(data) for data in view.texts()
                   if b"Collector(" in data)

    return view.fact(_RUNTIME_REGISTERED, compute)
