"""client_golang facts: which registries a package makes, whether it registers the Go or
process collector on anything but the default registry or unregisters one from it, which
calls register on the default registry, which arguments are runtime collectors, and which
calls create and register a metric. Shared by LG701, LG702, LG703 and the service facts of the
delivery gate."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.facts import Fact
from leakgate.semantics.package import PackageView
from leakgate.semantics.syntax import call_callee, unparen
from leakgate.semantics.types import initial_value

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

PROMETHEUS = "github.com/prometheus/client_golang/prometheus"
COLLECTORS = "github.com/prometheus/client_golang/prometheus/collectors"
PROMAUTO = "github.com/prometheus/client_golang/prometheus/promauto"
PROMHTTP = "github.com/prometheus/client_golang/prometheus/promhttp"

# The registering methods, of the default registry (`prometheus.MustRegister`) or any other.
REGISTER = frozenset({"MustRegister", "Register"})
_RUNTIME_COLLECTORS = frozenset({"NewGoCollector", "NewProcessCollector"})
_METRIC_CONSTRUCTORS = re.compile(r"^New(Counter|Gauge|Histogram|Summary|Untyped)(Vec|Func)?$")

_REGISTRIES_MADE: Fact[frozenset[str]] = Fact("registries made")
_RUNTIME_REGISTERED: Fact[bool] = Fact("runtime collectors registered")
_UNREGISTERS_RUNTIME: Fact[bool] = Fact("unregisters a runtime collector")

_NEW_REGISTRY = re.compile(
    rb"\b([A-Za-z_][A-Za-z0-9_]*)\s*(?::?=|:)\s*prometheus\.New(?:Pedantic)?Registry\(\)")
# A runtime collector handed to something other than the default registry's functions.
_RUNTIME_ELSEWHERE = re.compile(
    rb"(?<!prometheus\.)(?<!DefaultRegisterer\.)\b(?:MustRegister|Register)\("
    rb"(?:[^()]|\([^()]*\))*?New(?:Go|Process)Collector\(")


def registries_made(view: PackageView) -> frozenset[str]:
    """Names (variables or fields) the package's production files give a
    `prometheus.NewRegistry()` (a test swapping in a registry of its own does not change what
    the program serves)."""

    def compute() -> frozenset[str]:
        return frozenset(m.group(1).decode() for data in view.production_texts()
                         if b"Registry()" in data for m in _NEW_REGISTRY.finditer(data))

    return view.fact(_REGISTRIES_MADE, compute)


def runtime_collectors_registered(view: PackageView) -> bool:
    def compute() -> bool:
        return any(_RUNTIME_ELSEWHERE.search(data) for data in view.texts()
                   if b"Collector(" in data)

    return view.fact(_RUNTIME_REGISTERED, compute)


def unregisters_runtime_collector(view: PackageView) -> bool:
    """Whether the package unregisters a runtime collector (a file that calls `Unregister(`
    and makes a `...Collector(`): the documented swap of the default registry's Go collector
    for one configured otherwise."""

    def compute() -> bool:
        return any(b"Unregister(" in data and b"Collector(" in data for data in view.texts())

    return view.fact(_UNREGISTERS_RUNTIME, compute)


def on_default_registry(file: FileModel, call: Node) -> bool:
    """`prometheus.MustRegister(...)`, `prometheus.Register(...)`, or the same methods of
    `prometheus.DefaultRegisterer`."""
    called = file.package_call(call)
    if called is not None:
        return called[0] == PROMETHEUS and called[1] in REGISTER
    operand, name = call_callee(call)
    return name in REGISTER and operand is not None and \
        file.is_qualified(unparen(operand), PROMETHEUS, "DefaultRegisterer")


def runtime_collector(file: FileModel, argument: Node) -> str | None:
    """`collectors.NewGoCollector(...)` or the deprecated `prometheus.New*Collector(...)`,
    written there or the value of the variable ``argument`` names: its constructor's name, or
    None."""
    return _runtime_collector_call(file, argument) or _runtime_collector_variable(file, argument)


def _runtime_collector_call(file: FileModel, node: Node) -> str | None:
    node = unparen(node)
    if node.type != "call_expression":
        return None
    called = file.package_call(node)
    if called is not None and called[0] in (COLLECTORS, PROMETHEUS) and \
            called[1] in _RUNTIME_COLLECTORS:
        return called[1]
    return None


def _runtime_collector_variable(file: FileModel, argument: Node) -> str | None:
    argument = unparen(argument)
    if argument.type != "identifier":
        return None
    definition = file.resolve(argument)
    value = initial_value(definition) if definition is not None else None
    return _runtime_collector_call(file, value) if value is not None else None


def registering_calls(file: FileModel) -> list[Node]:
    """Calls of the file that create a metric and register it, in source order:
    `promauto.New*(...)`, `promauto.With(reg).New*(...)`, and
    `prometheus.MustRegister(prometheus.New*(...))` on the default registry."""
    found = []
    for call, _name in file.calls_to(PROMAUTO, frozenset({
            f"New{kind}{suffix}" for kind in ("Counter", "Gauge", "Histogram", "Summary",
                                              "Untyped")
            for suffix in ("", "Vec", "Func")})):
        found.append(call)
    for name in ("NewCounter", "NewCounterVec", "NewGauge", "NewGaugeVec", "NewHistogram",
                 "NewHistogramVec", "NewSummary", "NewSummaryVec"):
        for call, operand in file.method_calls(name):
            inner = unparen(operand)
            if inner.type == "call_expression" and file.package_call(inner) == (PROMAUTO, "With"):
                found.append(call)
    for name in sorted(REGISTER):
        for call, _operand in file.method_calls(name):
            if not on_default_registry(file, call):
                continue
            arguments = call.child_by_field_name("arguments")
            for argument in arguments.named_children if arguments is not None else ():
                created = file.package_call(unparen(argument)) \
                    if unparen(argument).type == "call_expression" else None
                if created is not None and created[0] == PROMETHEUS and \
                        _METRIC_CONSTRUCTORS.match(created[1]):
                    found.append(call)
                    break
    return sorted(found, key=lambda n: n.start_byte)


def registry_made_in(file: FileModel, call: Node, scope: Node) -> bool:
    """`promauto.With(reg).New*(...)` whose registry is made inside ``scope`` (a loop): a
    registry literal or constructor call in place (`promauto.With(prometheus.NewRegistry())`),
    or a local defined within it."""
    function = call.child_by_field_name("function")
    operand = function.child_by_field_name("operand") if function is not None and \
        function.type == "selector_expression" else None
    inner = unparen(operand) if operand is not None else None
    if inner is None or inner.type != "call_expression" or \
            file.package_call(inner) != (PROMAUTO, "With"):
        return False
    arguments = inner.child_by_field_name("arguments")
    registry = unparen(arguments.named_children[0]) if arguments is not None and \
        arguments.named_child_count else None
    if registry is None:
        return False
    if registry.type == "call_expression":
        return file.package_call(registry) in {(PROMETHEUS, "NewRegistry"),
                                               (PROMETHEUS, "NewPedanticRegistry")}
    definition = file.resolve(registry) if registry.type == "identifier" else None
    return definition is not None and definition.kind != "param" and \
        scope.start_byte <= definition.node.start_byte < scope.end_byte
