"""The facts the delivery gate asks of a `main` package: does it serve HTTP, on which
listeners; is `/metrics` served, from which registry, and does that registry hold the runtime
collectors; is `net/http/pprof` imported and where its handlers end up; which servers have no
read timeout. One function, ``service_facts``, computed from the package's own files (the same
package view the rules use), with the same answers as LG404 and LG701. Also the notion of a
command-line program (a `main` package that serves nothing), which several rules ask."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.facts import Fact
from leakgate.semantics.http import HTTP, http_literals, untimed_servers
from leakgate.semantics.listeners import LOCAL_ADDRESS, local_address, local_listener
from leakgate.semantics.package import FunctionRef, PackageView
from leakgate.semantics.prometheus import registries_made, runtime_collectors_registered
from leakgate.semantics.syntax import descendants, line_of, text
from leakgate.semantics.values import keyed_value
from leakgate.source import kept_out_of_builds

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

PPROF = "net/http/pprof"
_METRICS_ROUTE = re.compile(
    rb"\.Handle(?:Func)?\(\s*\"(/metrics[^\"]*)\"\s*,\s*([^\n]*)")


@dataclass(frozen=True)
class Place:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Listener:
    how: str  # `http.ListenAndServe`, `srv.ListenAndServeTLS` ...
    address: str | None  # as written, when the code writes it
    public: bool  # not a loopback address written in the code
    default_mux: bool  # serves http.DefaultServeMux (a nil handler)
    place: Place


@dataclass(frozen=True)
class MetricsEndpoint:
    route: str
    registry: str  # "default", or the name the package keeps its own registry under
    runtime_collectors: bool | None  # None: the registry's origin is not in the package
    place: Place


@dataclass
class ServiceFacts:
    package: str  # the package's directory
    listeners: list[Listener] = field(default_factory=list)
    metrics: list[MetricsEndpoint] = field(default_factory=list)
    pprof_imported: bool = False
    # "public-default-mux", "local-default-mux", "separate-mux", "not-served" or None
    pprof_exposure: str | None = None
    untimed_servers: list[Place] = field(default_factory=list)

    @property
    def serves_http(self) -> bool:
        return bool(self.listeners)


def service_facts(view: PackageView, directory: str) -> ServiceFacts | None:
    """The facts of a `main` package (None for a library or a test-only package)."""
    files = [f for f in view.files if not f.is_test]
    if not files or all(f.package != "main" for f in files):
        return None
    facts = ServiceFacts(directory)
    blank_pprof = explicit_pprof = False
    for file in files:
        facts.untimed_servers += [Place(file.path, line_of(s.node))
                                  for s in untimed_servers(file)]
        facts.listeners += _listeners(file)
        imports = file.imports
        if PPROF in imports.blank:
            facts.pprof_imported = blank_pprof = True
        if imports.names_of(PPROF) or PPROF in imports.dot:
            facts.pprof_imported = explicit_pprof = True
        facts.metrics += _metrics_endpoints(view, file)
    facts.listeners.sort(key=lambda each: (each.place.path, each.place.line))
    if facts.pprof_imported:
        facts.pprof_exposure = _pprof_exposure(facts.listeners, blank_pprof, explicit_pprof)
    return facts


def _pprof_exposure(listeners: list[Listener], blank: bool, explicit: bool) -> str:
    if blank:  # `import _ "net/http/pprof"` registers on http.DefaultServeMux
        default = [listener for listener in listeners if listener.default_mux]
        if any(listener.public for listener in default):
            return "public-default-mux"
        if default:
            return "local-default-mux"
    return "separate-mux" if explicit else "not-served"


def _listeners(file: FileModel) -> list[Listener]:
    found = []
    for call, name in file.calls_to(HTTP, {"ListenAndServe", "ListenAndServeTLS", "Serve",
                                           "ServeTLS"}):
        arguments = _arguments(call)
        address = text(arguments[0]) if name.startswith("ListenAndServe") and arguments \
            else None
        handler = arguments[1] if len(arguments) > 1 else None
        public = not (local_address(file, call) if name.startswith("ListenAndServe")
                      else local_listener(file, call))
        found.append(Listener(f"http.{name}", address, public,
                              handler is None or text(handler) in ("nil", "http.DefaultServeMux"),
                              Place(file.path, line_of(call))))
    servers = http_literals(file, "Server")
    for method in ("ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"):
        for call, operand in file.method_calls(method):
            if file.package_call(call) is not None:
                continue
            literal = servers[0] if len(servers) == 1 else None
            written = _keyed(literal, "Addr") if literal is not None else None
            mux = _keyed(literal, "Handler") if literal is not None else None
            public = written is None or not LOCAL_ADDRESS.match(written)
            found.append(Listener(f"{text(operand)}.{method}", written, public,
                                  literal is not None and mux in (None, "nil",
                                                                  "http.DefaultServeMux"),
                                  Place(file.path, line_of(call))))
    return found


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    return [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []


def _keyed(literal: Node, key: str) -> str | None:
    value = keyed_value(literal, key)
    return text(value).strip() if value is not None else None


def _metrics_endpoints(view: PackageView, file: FileModel) -> list[MetricsEndpoint]:
    found: list[MetricsEndpoint] = []
    data = file.source.data
    if b"/metrics" not in data:
        return found
    for match in _METRICS_ROUTE.finditer(data):
        route = match.group(1).decode()
        handler = match.group(2).decode()
        line = data.count(b"\n", 0, match.start()) + 1
        served = re.search(r"\b(?:HandlerFor|InstrumentMetricHandler)\(\s*([\w.]+)", handler)
        collectors: bool | None = True
        if "promhttp.Handler()" in handler or (served is not None and
                                                "DefaultGatherer" in served.group(1)):
            registry = "default"
        elif served is not None:
            registry = served.group(1)
            name = registry.rsplit(".", 1)[-1]
            collectors = runtime_collectors_registered(view) \
                if name in registries_made(view) else None
        else:
            continue
        found.append(MetricsEndpoint(route, registry, collectors, Place(file.path, line)))
    return found


# What a service's main package does somewhere: listen, or run an HTTP or gRPC server. A text
# test over every file of the package, parsed or not: it is asked for the command-line notion
# below, on every file, and must not parse the package.
_SERVES = re.compile(rb"\bListenAndServe(?:TLS)?\(|\.Serve(?:TLS)?\(|\bhttp\.Server\s*\{|"
                     rb"\bgrpc\.NewServer\(|\bnet\.Listen\(")
_MAIN_SERVES: Fact[bool] = Fact("main package serves")


def main_serves(view: PackageView) -> bool:
    """The main package runs a server (a listener, an HTTP or gRPC server) in any of its
    files, or calls a function of a module package that runs one (a daemon whose servers
    live in `lib/`: `go lib.Serve(addr)`, two calls down at most): a service, whose helpers
    run for every request, not a command-line program. Importing a package that can serve
    (a client of quic-go's http3) is not serving."""

    def compute() -> bool:
        if any(_SERVES.search(data) for data in view.texts()):
            return True
        module = view.module
        if module is None:
            return False
        for file in view.files:
            if file.is_test:
                continue
            for call in file.find("call_expression"):
                qualified = file.package_call(call)
                if qualified is None or not module.own(qualified[0]):
                    continue
                other = module.package(qualified[0])
                if other is not None and any(_runs_a_server(ref, 0)
                                             for ref in other.functions_named(qualified[1])):
                    return True
        return False

    return view.fact(_MAIN_SERVES, compute)


def _runs_a_server(ref: FunctionRef, depth: int) -> bool:
    """The function serves in its own body, or through the package functions it calls."""
    body = ref.node.text or b""
    if _SERVES.search(body):
        return True
    if depth >= 1:
        return False
    view = ref.file.package_view
    for call in descendants(ref.node, frozenset({"call_expression"})):
        resolution = view.resolve_call(ref.file, call)
        if resolution is not None and any(_runs_a_server(target, depth + 1)
                                          for target in resolution.targets):
            return True
    return False


_PROGRAM_PACKAGE: Fact[bool] = Fact("a package of one program")
_COMMAND_LIBRARY: Fact[bool] = Fact("a package of one command-line program")


def program_package(file: FileModel) -> bool:
    """Whether the file's package is one program's own code: a package inside the directory
    of a `main` package, imported (in the module) only by that program or its other such
    packages (`cmd/serf/command/agent`, imported by `cmd/serf/command`, imported by
    `cmd/serf`). Its exported functions are the program's, not an API for others. A library a
    program merely uses lives elsewhere and is not one."""
    return file.package != "main" and _in_one_program(file.package_view, commands=False)


def command_library(file: FileModel) -> bool:
    """Whether the file's package belongs to one command-line program: a program package
    (see program_package) whose programs serve nowhere and run nothing on a ticker, and which
    runs nothing on one either (`app/vmctl/vm` for `app/vmctl`). A program polling on a ticker
    is a daemon."""
    return file.package != "main" and _in_one_program(file.package_view, commands=True)


def _in_one_program(view: PackageView, commands: bool) -> bool:
    def compute() -> bool:
        module = view.module
        mine = module.import_path(view) if module is not None else None
        if module is None or mine is None or view.directory is None:
            return False
        if not _main_above(view.directory, module.root):
            return False  # no command's directory holds this package: cheap, no module scan
        importers = [d for d in module.importers(mine) if d != view.directory]
        if not importers or (commands and _periodic(view)):
            return False
        for directory in importers:
            if not view.directory.startswith(directory.rstrip("/") + "/"):
                return False  # imported from outside the program's own tree
            other = module.package_in(directory)
            names = {f.package for f in other.files if not f.is_test}
            if names == {"main"}:
                if commands and (main_serves(other) or _periodic(other)):
                    return False
            elif not other.files or not _in_one_program(other, commands):
                return False  # not the program, nor another of its own packages
        return True

    return view.fact(_COMMAND_LIBRARY if commands else _PROGRAM_PACKAGE, compute)


_COMMANDS_ONLY: Fact[bool] = Fact("a package only command-line programs import")


def used_only_by_commands(file: FileModel) -> bool:
    """Whether the file's package (not `main`) is imported in its module, and only by
    command-line programs: `main` packages that serve nowhere, or packages that only they
    import (`examples/beacon`, imported only by the cobra commands of `_examples`). Its code
    runs inside those programs; where it lives does not matter, unlike `command_library`."""
    return file.package != "main" and _only_commands_import(file.package_view, 0)


def _only_commands_import(view: PackageView, depth: int) -> bool:
    def compute() -> bool:
        module = view.module
        mine = module.import_path(view) if module is not None else None
        if module is None or mine is None or view.directory is None or depth > 3:
            return False
        importers = [d for d in module.importers(mine) if d != view.directory]
        for directory in importers:
            other = module.package_in(directory)
            names = {f.package for f in other.files if not f.is_test}
            if names == {"main"}:
                if main_serves(other):
                    return False
            elif not names or not _only_commands_import(other, depth + 1):
                return False
        return bool(importers)

    return view.fact(_COMMANDS_ONLY, compute)


def _main_above(directory: str, root: str) -> bool:
    """Whether a directory between ``directory`` (excluded) and the module root holds a Go
    file of package main (a `//go:build ignore` generator is none)."""
    current = os.path.dirname(directory)
    while current.startswith(root):
        try:
            names = sorted(os.listdir(current))
        except OSError:
            names = []
        for name in names:
            if name.endswith(".go") and not name.endswith("_test.go"):
                try:
                    with open(os.path.join(current, name), "rb") as handle:
                        head = handle.read(4096)
                except OSError:
                    continue
                if re.search(rb"^package[ \t]+main\b", head, re.MULTILINE) and \
                        not kept_out_of_builds(head):
                    return True
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return False


_TICKS = re.compile(rb"\btime\.(?:NewTicker|Tick)\(")


def _periodic(view: PackageView) -> bool:
    """Code that runs on a ticker works until stopped: a daemon's (a proxy polling its
    broker), not a one-shot command's."""
    return any(_TICKS.search(data) for data in view.texts())


def in_command_line_program(file: FileModel, node: Node, libraries: bool = False) -> bool:
    """``node`` is in a `main` package that runs no server, where no context is at hand
    (no `context.Context` parameter, nor the request of a server handler, one that also takes
    an `http.ResponseWriter`, on the way in): a command-line program's code, run once per
    process, which Ctrl-C ends and whose leaks end with the process. With ``libraries``, the
    packages inside the command's own directory that only it imports count too (for leaks that
    end with the process; a hang does not). A handler, a function
    handed a context, and any code of a `main` package that listens or serves are service
    code like any other; a helper taking the program's own outgoing `*http.Request` is not a
    handler."""
    if not (file.package == "main" and not main_serves(file.package_view)) and \
            not (libraries and command_library(file)):
        return False
    function = file.enclosing_function(node)
    while function is not None:
        parameters = function.child_by_field_name("parameters")
        request = writer = False
        for declaration in parameters.named_children if parameters is not None else []:
            kind = declaration.child_by_field_name("type")
            if kind is not None and kind.type == "pointer_type" and kind.named_child_count:
                request = request or file.is_qualified(kind.named_children[0], HTTP, "Request")
            elif file.is_qualified(kind, "context", "Context"):
                return False
            else:
                writer = writer or file.is_qualified(kind, HTTP, "ResponseWriter")
        if request and writer:
            return False
        function = file.enclosing_function(function)
    return True
