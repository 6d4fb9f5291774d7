"""
## What it does
Reports `promhttp.HandlerFor(reg, ...)` or `promhttp.InstrumentMetricHandler(reg, ...)` serving a
registry the package's production code made with `prometheus.NewRegistry()` (or
`NewPedanticRegistry()`; a test putting one into the field does not count), when
nothing in the package registers a Go or process collector on anything but the default
registry: the registry, a wrapper of it (`WrapRegistererWith`), or a helper it is handed to.
The package's files are read together: a registry made in one file, given collectors in
another and served from a third is silent.

## Why is this bad?
A new registry starts empty. Served without `collectors.NewGoCollector()` and
`collectors.NewProcessCollector(...)`, `/metrics` has no goroutine count, heap, GC pauses, file
descriptors or CPU: the leaks and the memory trouble this tool looks for stay invisible in
production until the OOM.

## Example
```go
reg := prometheus.NewRegistry()
reg.MustRegister(requests)
http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
```

## Use instead
```go
reg := prometheus.NewRegistry()
reg.MustRegister(collectors.NewGoCollector(),
    collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), requests)
```

## Notes
Opt-in (`--select LG701`, or `--select LG` for every rule); the delivery gate runs it. On fresh
code 3 of 7 findings were judged worth fixing (first readings to draw 2026-12-02-github4): the
others were registries that get runtime metrics another way (a reporter of the service's own, a
go-metrics bridge, the default registry reached through a type assertion) or serve a secondary
route beside the main `/metrics`.

The default registry (`promhttp.Handler()`, `prometheus.DefaultGatherer`) holds both
collectors and is never reported, nor a registry whose origin the package does not show (a
parameter). Any runtime collector registered in the package on something other than the
default registry is taken to be for the served one. Tests and examples, whose registries are
minimal on purpose, are not checked.

## Suppress
`//leakgate:ignore LG701 <reason>`.
"""

from __future__ import annotations

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.prometheus import (
    PROMHTTP,
    registries_made,
    runtime_collectors_registered,
)
from leakgate.semantics.syntax import text, unparen


@rule(
    id="LG701", name="registry-without-runtime-collectors", level=Level.WARNING,
    precision="medium", tags=("observability", "prometheus", "operability"),
    imports=(PROMHTTP,),
    summary="A custom Prometheus registry is served without the Go and process collectors",
    default=False,
    help=__doc__,
)
def registry_without_runtime_collectors(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return  # a test's or an example's registry is minimal on purpose
    made = registries_made(ctx.package_view)
    if not made or runtime_collectors_registered(ctx.package_view):
        return
    for call, name in ctx.calls_to(PROMHTTP, _SERVING):
        arguments = call.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments is not None and \
            arguments.named_child_count else None
        if first is None:
            continue
        served = text(unparen(first)).rsplit(".", 1)[-1]
        if served not in made:
            continue
        ctx.report(call, f"promhttp.{name} serves the registry `{text(first)}` (made by "
                         f"prometheus.NewRegistry, which starts empty) and nothing in the "
                         f"package registers the Go or process collector on it: /metrics has no "
                         f"goroutine, memory, GC or file-descriptor metrics; register "
                         f"collectors.NewGoCollector() and collectors.NewProcessCollector(...)")


# The promhttp functions that serve the registry they are given.
_SERVING = frozenset({"HandlerFor", "InstrumentMetricHandler"})
