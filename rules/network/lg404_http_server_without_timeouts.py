"""
## What it does
Reports `http.ListenAndServe`, `http.ListenAndServeTLS`, `http.Serve` and `http.ServeTLS`,
which run a server that has no timeouts, and an `http.Server{...}` literal with neither
`ReadHeaderTimeout` nor `ReadTimeout`, unless the package sets one of them on the variable or
field the server is kept in. Test code, examples (an `examples` directory, or one named for a
demo such as `tlsdemo` or `raftexample`), generators (`generate`-tagged, `internal/gen`),
servers listening on a loopback address (written in the call, `"localhost:6060"`, the
default of the flag the address is read from, `flag.String("http", "localhost:6060", ...)`,
a constant, the default a struct literal gives a field that a flag parser fills
(`args := struct{ Addr string }{Addr: "localhost:8080"}` then `tagflag.Parse(&args)`; any
other use of its address, or an assignment, makes it unknown), or the parameter of a package
function every caller of which passes one: `debugServer(debugAddr)`), an `http.Server{}`
whose `Addr` is such an address (never set again, and not handed a listener: `srv.Serve(ln)`
ignores `Addr`), and `http.Serve` on a unix socket or loopback listener are not reported: the
listener made in the function, handed in by every caller, or returned by the package function
that makes it, on an address built from a loopback host (`fmt.Sprintf("%s:%d", host, port)`,
`net.JoinHostPort(host, port)`, `host` a flag defaulting to `127.0.0.1`).

## Why is this bad?
Without a read deadline a client can open connections and send headers a byte at a time: each
holds a goroutine and a file descriptor for as long as it likes, and a few hundred exhaust the
server (slowloris; gosec G112 and G114).

## Example
```go
log.Fatal(http.ListenAndServe(":8080", mux))
```

## Use instead
```go
srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
log.Fatal(srv.ListenAndServe())
```

## Notes
Opt-in (`--select LG404`); the delivery gate runs it for its `server-timeouts` item. Whether a
server is reachable from the network is often set where the rule cannot follow: on fresh code
nobody had tuned it on, 15 of 34 findings were judged worth fixing (draws 2026-12-01d to
2026-12-02d). The others served on unix sockets or loopback addresses made by helpers of
other packages and kept in struct fields, defaults given by a flag parser's struct tags
(`default:"127.0.0.1:8080"`), programs of a test harness, a server type used only to hold
settings, and opt-in debug and preview servers.

## Suppress
`//leakgate:ignore LG404 <reason>`; `//nolint:gosec` is honoured.
"""

from __future__ import annotations

from leakgate.context import FileContext
from leakgate.findings import Level, rule
from leakgate.semantics.http import HTTP, untimed_servers


@rule(
    id="LG404", name="http-server-without-timeouts", level=Level.WARNING, precision="high",
    tags=("reliability", "network", "timeout", "security", "external/cwe/cwe-400"),
    imports=(HTTP,), default=False,
    summary="An HTTP server without ReadHeaderTimeout (or ReadTimeout): slowloris",
    help=__doc__,
)
def http_server_without_timeouts(ctx: FileContext) -> None:
    if ctx.is_test or ctx.is_sample:
        return
    for server in untimed_servers(ctx):
        if server.call is not None:
            ctx.report(server.node, f"{server.call} runs a server without timeouts: slow "
                                    f"clients hold connections and goroutines without limit; "
                                    f"use an http.Server with ReadHeaderTimeout set")
        else:
            ctx.report(server.node, "this http.Server has no ReadHeaderTimeout or ReadTimeout: "
                                    "slow clients hold connections and goroutines without "
                                    "limit; set ReadHeaderTimeout (for example "
                                    "`ReadHeaderTimeout: 10 * time.Second`)")
