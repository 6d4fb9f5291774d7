"""
## What it does
Reports `prometheus.MustRegister(collectors.NewGoCollector())`, `prometheus.Register(...)` and
the same calls on `prometheus.DefaultRegisterer`, with a Go or process collector (the
`collectors.New*` spellings and the deprecated `prometheus.New*Collector`), directly or through
a variable.

## Why is this bad?
The default registry already holds a Go and a process collector. `MustRegister` panics at
start-up ("duplicate metrics collector registration attempted"; client_golang #1082, #1124),
and `Register` returns an `AlreadyRegisteredError` that is usually ignored. The blog advice to
"add runtime metrics" this way takes the service down on its first start.

## Example
```go
prometheus.MustRegister(prometheus.NewGoCollector())
```

## Use instead
Nothing: `promhttp.Handler()` already serves them. To configure the Go collector differently,
unregister the default one first:
```go
prometheus.Unregister(collectors.NewGoCollector())
prometheus.MustRegister(collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(...)))
```

## Notes
Silent when the package unregisters a runtime collector from the default registry anywhere
(the documented swap). Collectors registered on a registry of your own are LG701's business.

## Suppress
`//leakgate:ignore LG702 <reason>`.
"""

from __future__ import annotations

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.prometheus import (
    PROMETHEUS,
    REGISTER,
    on_default_registry,
    runtime_collector,
    unregisters_runtime_collector,
)


@rule(
    id="LG702", name="duplicate-collector-registration", level=Level.ERROR, precision="very-high",
    tags=("reliability", "observability", "prometheus"),
    imports=(PROMETHEUS,),
    summary="A Go or process collector registered on the default registry, which already has one",
    help=__doc__,
)
def duplicate_collector_registration(ctx: FileContext) -> None:
    for name in sorted(REGISTER):
        for call, _operand in ctx.method_calls(name):
            if not on_default_registry(ctx, call) or \
                    unregisters_runtime_collector(ctx.package_view):
                continue
            arguments = call.child_by_field_name("arguments")
            for argument in arguments.named_children if arguments is not None else ():
                collector = runtime_collector(ctx, argument)
                if collector is None:
                    continue
                what = "Go" if collector == "NewGoCollector" else "process"
                effect = "panics at start-up" if name == "MustRegister" else \
                    "returns an AlreadyRegisteredError"
                ctx.report(argument, f"the default registry already holds a {what} collector: "
                                     f"this {name} {effect}; drop it (promhttp.Handler() "
                                     f"already serves runtime metrics), or Unregister the "
                                     f"default one first")
