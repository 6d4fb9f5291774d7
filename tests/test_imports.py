"""Imports: package names of import paths, aliases, dot/blank imports, and shadowing by locals."""

from __future__ import annotations

import pytest
from gosnippets import go, ident, node

from leakgate.semantics.imports import Imports, default_package_name
from leakgate.semantics.syntax import text


@pytest.mark.parametrize(("path", "name"), [
    ("fmt", "fmt"),
    ("net/http", "http"),
    ("gopkg.in/yaml.v3", "yaml"),
    ("github.com/x/y/v2", "y"),
    ("github.com/a/go-foo", "foo"),
    ("github.com/a/foo-go", "foo"),
    ("github.com/a/multi-part", "multi_part"),
    ("k8s.io/client-go/kubernetes", "kubernetes"),
    ("v2", "v2"),  # a lone `vN` element is the name itself
])
def test_default_package_name(path: str, name: str) -> None:
    assert default_package_name(path) == name


IMPORTS = """
    import "fmt"

    import (
        "net/http"
        nethttp "net/http"
        yaml "gopkg.in/yaml.v3"
        "github.com/x/y/v2"
        . "context"
        _ "embed"
        raw `os`
    )
"""


@pytest.fixture(scope="module")
def imports() -> Imports:
    return go(IMPORTS).imports


@pytest.mark.parametrize(("name", "path"), [
    ("fmt", "fmt"),
    ("http", "net/http"),
    ("nethttp", "net/http"),
    ("yaml", "gopkg.in/yaml.v3"),
    ("y", "github.com/x/y/v2"),
    ("raw", "os"),
    ("context", None),  # dot-imported: no name
    ("embed", None),  # blank
    ("v2", None),
    ("os", None),  # only under its alias
])
def test_path_of(imports: Imports, name: str, path: str | None) -> None:
    assert imports.path_of(name) == path


def test_dot_blank_and_paths(imports: Imports) -> None:
    assert imports.dot == ["context"]
    assert imports.blank == ["embed"]
    assert imports.sole_dot_import() == "context"
    assert imports.paths == {"fmt", "net/http", "gopkg.in/yaml.v3", "github.com/x/y/v2",
                             "context", "embed", "os"}
    assert sorted(imports.names_of("net/http")) == ["http", "nethttp"]
    assert imports.names_of("context") == []


@pytest.mark.parametrize(("wanted", "expected"), [
    (frozenset(), True),  # no requirement: every file qualifies
    (frozenset({"net/http"}), True),
    (frozenset({"context"}), True),  # dot import counts
    (frozenset({"embed"}), True),  # so does a blank one
    (frozenset({"database/sql", "os"}), True),
    (frozenset({"database/sql"}), False),
])
def test_imports_any(imports: Imports, wanted: frozenset[str], expected: bool) -> None:
    assert imports.imports_any(wanted) is expected


def test_no_imports() -> None:
    imports = go("func f() {}").imports
    assert imports.paths == set()
    assert imports.sole_dot_import() is None
    assert not imports.imports_any(frozenset({"fmt"}))


def test_two_dot_imports_have_no_sole_one() -> None:
    imports = go('import (\n. "context"\n. "net/http"\n)').imports
    assert imports.dot == ["context", "net/http"]
    assert imports.sole_dot_import() is None


# --- FileContext: package_of, package_call, calls_to ------------------------------------------

SHADOWED = """
    import "net/http"

    func before() {
        http.Get("a")
        http := 3
        http.Get("b")
    }

    func param(http int) {
        http.Get("c")
    }

    func closure() {
        f := func(http client) { http.Get("d") }
        http.Get("e")
        _ = f
    }
"""


@pytest.mark.parametrize(("argument", "package"), [
    ('"a"', "net/http"),  # before the local is declared
    ('"b"', None),  # `http := 3` shadows the package
    ('"c"', None),  # a parameter shadows it
    ('"d"', None),  # a closure's parameter shadows it
    ('"e"', "net/http"),  # ... only inside the closure
])
def test_package_of_is_none_when_shadowed(argument: str, package: str | None) -> None:
    ctx = go(SHADOWED)
    call = node(ctx, "call_expression", f"http.Get({argument}")
    operand = call.child_by_field_name("function").child_by_field_name("operand")
    assert ctx.package_of(operand) == package
    assert ctx.package_call(call) == ((package, "Get") if package else None)


def test_package_of_non_import_is_none() -> None:
    ctx = go('import "net/http"\n\nfunc f() { x.Get(); http.Get() }')
    assert ctx.package_of(ident(ctx, "x")) is None
    assert ctx.package_of(ident(ctx, "http")) == "net/http"


CALLS = """
    import (
        "net/http"
        nethttp "net/http"
    )

    func f(x client) {
        http.Get("plain")
        nethttp.Get("alias")
        http.Post("other name")
        x.Get("not a package")
        {
            http := x
            http.Get("shadowed")
        }
        nethttp.Head("head")
    }
"""


def _arguments(calls: list) -> list[str]:
    return [text(call.child_by_field_name("arguments")) for call, _ in calls]


def test_calls_to_finds_aliases_but_not_shadowed_or_other_values() -> None:
    ctx = go(CALLS)
    calls = ctx.calls_to("net/http", {"Get"})
    assert _arguments(calls) == ['("plain")', '("alias")']
    assert [name for _, name in calls] == ["Get", "Get"]


def test_calls_to_several_names_in_source_order() -> None:
    ctx = go(CALLS)
    calls = ctx.calls_to("net/http", {"Head", "Get", "Post"})
    assert _arguments(calls) == ['("plain")', '("alias")', '("other name")', '("head")']


def test_calls_to_unimported_path_is_empty() -> None:
    assert go(CALLS).calls_to("os", {"Get"}) == []


DOT = """
    import . "net/http"

    func f() {
        Get("dot")
        Head("not asked for")
        g := func(string) {}
        {
            Get := g
            Get("shadowed")
        }
        x.Get("method")
    }
"""


def test_calls_to_dot_import() -> None:
    ctx = go(DOT)
    calls = ctx.calls_to("net/http", {"Get"})
    assert _arguments(calls) == ['("dot")']
    assert ctx.package_call(node(ctx, "call_expression", 'Get("dot")')) == ("net/http", "Get")
    assert ctx.package_call(node(ctx, "call_expression", 'Get("shadowed")')) is None
    assert ctx.package_call(node(ctx, "call_expression", "x.Get")) is None


def test_calls_to_ignores_dot_import_when_not_sole() -> None:
    ctx = go(DOT.replace('import . "net/http"', 'import (\n. "net/http"\n. "os"\n)'))
    assert ctx.calls_to("net/http", {"Get"}) == []


@pytest.mark.parametrize(("snippet", "expected"), [
    ('import "context"\n\nvar c context.Context', True),
    ('import ctxpkg "context"\n\nvar c ctxpkg.Context', True),
    ('import . "context"\n\nvar c Context', True),
    ('import "context"\n\nvar c other.Context', False),
    ('import "context"\n\nvar c context.CancelFunc', False),
    ('import "context"\n\nvar c Context', False),
])
def test_is_qualified(snippet: str, expected: bool) -> None:
    ctx = go(snippet)
    spec = node(ctx, "var_spec")
    assert ctx.is_qualified(spec.child_by_field_name("type"), "context", "Context") is expected
