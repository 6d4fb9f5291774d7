"""The package view: its index, call resolution, lazy parsing by name, and the summaries."""

from __future__ import annotations

from gosnippets import go, node, nodes

from leakgate.context import FileContext
from leakgate.semantics.package import PackageView, Unread
from leakgate.semantics.summaries import (
    callee_closes,
    closes_parameter,
    request_gets_context,
    waits_for_cancellation,
)
from leakgate.semantics.syntax import text
from leakgate.source import SourceFile


def package(*sources: str) -> list[FileContext]:
    """Files `a.go`, `b.go` ... of one package, sharing one view."""
    files = [go(source, path=f"{chr(ord('a') + i)}.go") for i, source in enumerate(sources)]
    view = PackageView(files)
    for file in files:
        file.package_view = view
    return files


def call(ctx: FileContext, prefix: str) -> object:
    return node(ctx, "call_expression", prefix)


TYPES = """
type Server struct {
    jobs    chan int
    client  *Client
    Client
}

type Client struct{ hc int }

const (
    size  = 4
    twice = size * 2
    shift = 1 << 3
)

func NewServer() *Server { return &Server{} }

func (s *Server) run() {}

func (c *Client) Send() {}

func (c Client) only() {}

func helper(ch chan int) {}
"""


def test_index_functions_methods_structs_and_constants() -> None:
    (types,) = package(TYPES)
    view = types.package_view
    assert [r.name for r in view.functions_named("helper")] == ["helper"]
    assert sorted(view.methods_named("run")) == ["Server"]
    assert text(view.field_type("Server", "jobs")) == "chan int"
    assert text(view.field_type("Server", "client")) == "*Client"
    assert text(view.field_type("Server", "Client")) == "Client"  # embedded
    assert view.field_type("Server", "missing") is None
    assert (view.constant("size"), view.constant("twice"), view.constant("shift")) == (4, 8, 8)


def test_resolution_by_receiver_local_constructor_and_field() -> None:
    types, uses = package(TYPES, """
    func byParameter(s *Server) { s.run() }
    func byLiteral() { s := &Server{}; s.run() }
    func byConstructor() { s := NewServer(); s.run() }
    func byField(s *Server) { s.client.Send() }
    func byName(x interface{ only() }) { x.only() }
    func plain() { helper(nil) }
    func local() { helper := func(chan int) {}; helper(nil) }
    """)
    view = uses.package_view
    for prefix in ("s.run", "s.client.Send", "helper(nil)"):
        for found in nodes(uses, "call_expression", prefix)[:1]:
            resolution = view.resolve_call(uses, found)
            assert resolution is not None and resolution.certain, prefix
            assert resolution.targets[0].file is types
    runs = nodes(uses, "call_expression", "s.run")
    assert len(runs) == 3 and all(view.resolve_call(uses, c) is not None for c in runs)
    guessed = view.resolve_call(uses, node(uses, "call_expression", "x.only"))
    assert guessed is not None and not guessed.certain  # a name unique in the package
    # A local bound to a literal runs the literal, not the package's `helper`.
    shadowed = view.resolve_call(uses, nodes(uses, "call_expression", "helper(nil)")[1])
    assert shadowed is not None and shadowed.certain and \
        shadowed.targets[0].node.type == "func_literal"


def test_another_package_is_never_resolved() -> None:
    (file,) = package("""
    import "strings"
    func split() { strings.Split("a", ",") }
    func Split() {}
    """)
    assert file.package_view.resolve_call(file, node(file, "call_expression", "strings")) is None


def test_callers_and_uses_outside_calls() -> None:
    worker, main = package("""
    func (s *Server) start() {}
    type Server struct{}
    """, """
    import "sync"
    var once sync.Once
    func boot(s *Server) { once.Do(s.start); s.start() }
    """)
    view = worker.package_view
    (ref,) = view.methods_named("start")["Server"]
    assert [text(c) for _, c in view.callers(ref)] == ["s.start()"]
    (value,) = view.uses_outside_calls(ref)
    assert value[0] is main and text(value[1].parent) == "s.start"


def test_other_files_are_parsed_only_when_a_question_names_them() -> None:
    parsed: list[str] = []

    def unread(path: str, source: str) -> Unread:
        data = source.encode()

        def parse() -> FileContext:
            parsed.append(path)
            return FileContext(SourceFile.parse(path, data))
        return Unread(path, data, parse)

    (main,) = [go("func main() { fill(nil) }")]
    view = PackageView([main], lambda: [
        unread("fill.go", "package p\n\nfunc fill(ch chan int) { close(ch) }\n"),
        unread("other.go", "package p\n\nfunc other() { fill(nil) }\n"),
        unread("more.go", "package p\n\nfunc more() {}\n"),
    ])
    main.package_view = view
    resolution = view.resolve_call(main, node(main, "call_expression", "fill"))
    assert resolution is not None and resolution.targets[0].file.path == "fill.go"
    assert parsed == ["fill.go"]  # other.go only calls fill; more.go never mentions it
    (ref,) = view.functions_named("fill")
    assert len(list(view.callers(ref))) == 2 and parsed == ["fill.go", "other.go"]


def test_closes_parameter_summaries() -> None:
    (file,) = package("""
    func closes(ch chan int) { defer close(ch) }
    func sometimes(ch chan int, ok bool) { if ok { close(ch) } }
    func never(ch chan int) { ch <- 1 }
    func relays(ch chan int) { closes(ch) }
    func keeps(ch chan int) { kept = ch }
    var kept chan int
    func use(ch chan int) {
        go closes(ch)
        go never(ch)
        go relays(ch)
        go keeps(ch)
        go sometimes(ch, true)
    }
    """)
    view = file.package_view
    answers = {}
    for name in ("closes", "sometimes", "never", "relays", "keeps"):
        (ref,) = view.functions_named(name)
        answers[name] = closes_parameter(ref, 0)
    assert answers == {"closes": True, "sometimes": None, "never": False, "relays": True,
                       "keeps": None}
    assert callee_closes(file, node(file, "call_expression", "never(ch)"), 0) is False


def test_waits_for_cancellation_through_a_method() -> None:
    (file,) = package("""
    import "context"
    type S struct{}
    func (s *S) loop(ctx context.Context) { for { select { case <-ctx.Done(): return } } }
    func (s *S) run(ctx context.Context) { s.loop(ctx) }
    func (s *S) flush(ctx context.Context) error { return ctx.Err() }
    """)
    view = file.package_view
    (run,) = view.methods_named("run")["S"]
    (flush,) = view.methods_named("flush")["S"]
    assert waits_for_cancellation(run) and not waits_for_cancellation(flush)


def test_request_gets_context_through_builders_and_wrappers() -> None:
    build, send = package("""
    import "net/http"
    func build(u string) (*http.Request, error) { return http.NewRequest("GET", u, nil) }
    func lonely(u string) (*http.Request, error) { return http.NewRequest("GET", u, nil) }
    func bare(u string) error {
        req, _ := http.NewRequest("GET", u, nil)
        _, err := http.DefaultClient.Do(req)
        return err
    }
    """, """
    import ("context"; "net/http")
    func get(ctx context.Context, u string) error {
        req, _ := build(u)
        return do(ctx, req)
    }
    func do(ctx context.Context, req *http.Request) error {
        _, err := http.DefaultClient.Do(req.WithContext(ctx))
        return err
    }
    func use(u string) { lonely(u) }
    """)
    requests = nodes(build, "call_expression", "http.NewRequest")
    assert [request_gets_context(build, r) for r in requests] == [True, False, False]
