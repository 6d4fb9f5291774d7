"""The module view: which directory an import path names, and which packages of the module
import a package. The module is the unit of facts; the package directory stays the unit of
work, and another package is read only when a question needs it.

An import path resolves, in order, to a package of the module itself (the `module` line of the
nearest go.mod; a directory holding its own go.mod belongs to that nested module), the local
target of a `replace` directive, a module of the `go.work` workspace above, the module's
`vendor/` directory, the module cache (`GOMODCACHE`, else `$GOPATH/pkg/mod`, at the version
go.mod requires), and, with no go.mod at all, the GOPATH tree the directory sits in (`.../src/`
+ import path, the layout Debian installs Go sources in). Each is read when present and never
required: an import that resolves nowhere is unknown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from leakgate.semantics.package import base_type_name

if TYPE_CHECKING:
    from tree_sitter import Node

    from leakgate.semantics.model import FileModel
    from leakgate.semantics.package import FunctionRef, PackageView

_MODULE = re.compile(r"^module\s+(\S+)", re.MULTILINE)
_BLOCK = re.compile(r"^(require|replace|use)\s*\((.*?)^\)", re.MULTILINE | re.DOTALL)
_SKIPPED = frozenset({"vendor", "testdata", "node_modules"})
_MAX_FILES = 20_000  # a module scan stops here: a tree this big is not one module


@dataclass(frozen=True)
class Layout:
    """Where a module's packages live: its root directory and import path ("" for a GOPATH
    tree, whose root is the `src` directory), the local targets of its `replace` directives,
    the versions it requires, and the other modules of its workspace."""

    root: str
    path: str
    replaces: tuple[tuple[str, str], ...] = ()
    requires: tuple[tuple[str, str], ...] = ()
    workspace: tuple[Layout, ...] = ()
    tree: str | None = None  # the GOPATH `src` a module sits in (Debian's /usr/share/gocode)

    @property
    def gopath(self) -> bool:
        return self.path == ""

    def owns(self, import_path: str) -> bool:
        return not self.gopath and (import_path == self.path or
                                    import_path.startswith(self.path + "/"))

    def import_path_of(self, directory: str) -> str | None:
        """The import path of a directory of this module."""
        relative = os.path.relpath(os.path.abspath(directory), self.root)
        if relative.startswith(".."):
            return None
        relative = "" if relative == "." else relative.replace(os.sep, "/")
        if self.gopath:
            return relative or None
        return f"{self.path}/{relative}" if relative else self.path


def layout_of(directory: str) -> Layout | None:
    """The module (or GOPATH tree) ``directory`` belongs to, None when it is in neither."""
    return _layout_of(os.path.abspath(directory))


@lru_cache(maxsize=256)
def _layout_of(directory: str) -> Layout | None:
    current = directory
    while True:
        gomod = os.path.join(current, "go.mod")
        if os.path.isfile(gomod):
            return _read_module(current, _workspace_above(current))
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    current = directory
    while True:
        if os.path.basename(current) == "src":
            return Layout(current, "")
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


@lru_cache(maxsize=256)
def _read_module(root: str, workspace: tuple[str, ...] = ()) -> Layout | None:
    text = _read_text(os.path.join(root, "go.mod"))
    match = _MODULE.search(text) if text is not None else None
    if text is None or match is None:
        return None
    replaces, requires = [], []
    for kind, line in _directives(text):
        if kind == "replace" and "=>" in line:
            old, new = (side.split() for side in line.split("=>", 1))
            if old and new and (new[0].startswith((".", "/"))):
                replaces.append((old[0], os.path.normpath(os.path.join(root, new[0]))))
        elif kind == "require":
            words = line.split()
            if len(words) >= 2:
                requires.append((words[0], words[1]))
    others = tuple(layout for layout in (_read_module(member) for member in workspace
                                         if member != root) if layout is not None)
    return Layout(root, match.group(1).strip('"'), tuple(replaces), tuple(requires), others,
                  _src_above(root))


def _src_above(directory: str) -> str | None:
    current = directory
    while True:
        parent = os.path.dirname(current)
        if parent == current:
            return None
        if os.path.basename(parent) == "src":
            return parent
        current = parent


@lru_cache(maxsize=256)
def _workspace_above(root: str) -> tuple[str, ...]:
    """The module directories a `go.work` at or above ``root`` uses."""
    current = root
    while True:
        text = _read_text(os.path.join(current, "go.work"))
        if text is not None:
            return tuple(os.path.normpath(os.path.join(current, line.split()[0].strip('"')))
                         for kind, line in _directives(text) if kind == "use" and line.split())
        parent = os.path.dirname(current)
        if parent == current:
            return ()
        current = parent


def _directives(text: str) -> Iterator[tuple[str, str]]:
    """(`require`/`replace`/`use`, the rest of the line) for single-line and block forms."""
    text = re.sub(r"//[^\n]*", "", text)
    for match in _BLOCK.finditer(text):
        for line in match.group(2).splitlines():
            if line.strip():
                yield match.group(1), line.strip()
    for line in _BLOCK.sub("", text).splitlines():
        words = line.strip().split(None, 1)
        if len(words) == 2 and words[0] in ("require", "replace", "use"):
            yield words[0], words[1]


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(1_000_000)
    except OSError:
        return None


def directory_of(layout: Layout, import_path: str) -> str | None:
    """The directory that holds the package ``import_path`` imports, if it is on disk."""
    for candidate in _candidates(layout, import_path):
        if os.path.isdir(candidate) and _layout_owning(candidate, layout, import_path):
            return candidate
    return None


def _candidates(layout: Layout, import_path: str) -> Iterator[str]:
    if layout.gopath:
        yield os.path.join(layout.root, *import_path.split("/"))
        return
    for module in (layout, *layout.workspace):
        if module.owns(import_path):
            rest = import_path[len(module.path):].lstrip("/")
            yield os.path.join(module.root, *rest.split("/")) if rest else module.root
    for old, new in layout.replaces:
        if import_path == old or import_path.startswith(old + "/"):
            rest = import_path[len(old):].lstrip("/")
            yield os.path.join(new, *rest.split("/")) if rest else new
    yield os.path.join(layout.root, "vendor", *import_path.split("/"))
    cache = os.environ.get("GOMODCACHE") or os.path.join(
        os.environ.get("GOPATH") or os.path.join(os.path.expanduser("~"), "go"), "pkg", "mod")
    for required, version in sorted(layout.requires, key=lambda r: -len(r[0])):
        if import_path == required or import_path.startswith(required + "/"):
            rest = import_path[len(required):].lstrip("/")
            base = os.path.join(cache, *f"{_escape(required)}@{version}".split("/"))
            yield os.path.join(base, *rest.split("/")) if rest else base
            break
    if layout.tree is not None:
        yield os.path.join(layout.tree, *import_path.split("/"))


def _layout_owning(directory: str, layout: Layout, import_path: str) -> bool:
    """A directory of the module that holds a nested go.mod belongs to that nested module:
    it answers only for the import path that module declares."""
    if layout.gopath or not layout.owns(import_path):
        return True
    nested = layout_of(directory)
    return nested is None or nested.root == layout.root or \
        nested.import_path_of(directory) == import_path


def _escape(path: str) -> str:
    """The module cache's case encoding: `github.com/Azure/x` → `github.com/!azure/x`."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), path)


_OWNER_REPOSITORY_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "golang.org"})


def project_root(layout: Layout, directory: str) -> str:
    """The directory whose packages are the module's: the go.mod's, or in a GOPATH tree the
    repository the directory belongs to (`src/github.com/owner/repo`, `src/gopkg.in/x.v2`)."""
    if not layout.gopath:
        return layout.root
    import_path = layout.import_path_of(directory) or ""
    parts = import_path.split("/")
    depth = 3 if parts[0] in _OWNER_REPOSITORY_HOSTS else 2 if "." in parts[0] else 1
    return os.path.join(layout.root, *parts[:depth])


@dataclass
class ModuleView:
    """The packages of one module seen from a directory being linted: other packages are
    opened by ``open_directory`` (the engine's package view of a directory) only when asked,
    and the module's files are listed and searched for an import path only when a question
    needs the packages that import it."""

    layout: Layout
    root: str  # where the module's own packages are (see project_root)
    open_directory: Callable[[str], PackageView]
    _packages: dict[str, PackageView | None] = field(default_factory=dict)
    _sources: list[tuple[str, bytes]] | None = None
    _importers: dict[str, list[str]] = field(default_factory=dict)
    _tests_only: dict[str, bool] = field(default_factory=dict)  # by package directory
    _test_heads: dict[str, bytes] = field(default_factory=dict)  # a test file's imports
    _test_files: list[str] = field(default_factory=list)  # listed with the module's sources
    _tests_alone: dict[str, bool] = field(default_factory=dict)  # by package directory

    def package(self, import_path: str) -> PackageView | None:
        """The package an import path names, read lazily; None when it is not on disk."""
        if import_path not in self._packages:
            directory = directory_of(self.layout, import_path)
            self._packages[import_path] = self.package_in(directory) if directory else None
        return self._packages[import_path]

    def package_in(self, directory: str) -> PackageView:
        key = "dir:" + os.path.abspath(directory)
        view = self._packages.get(key)
        if view is None:
            view = self._packages[key] = self.open_directory(os.path.abspath(directory))
            view.directory = os.path.abspath(directory)
            if view.module is None:
                view.module = self
        return view

    def importers(self, import_path: str) -> list[str]:
        """The directories of the module (vendor and testdata left out; `_examples` kept: the
        go tool skips it in `./...`, but its code still calls) with a Go file (not a test) that
        imports ``import_path`` (an index of every file's quoted paths, built on first use)."""
        if not self._importers:
            index: dict[str, set[str]] = {}
            for path, data in self._module_sources():
                directory = os.path.dirname(path)
                for match in _IMPORT_PATH.finditer(data):
                    index.setdefault(match.group(1).decode(), set()).add(directory)
            self._importers = {key: sorted(value) for key, value in index.items()}
            self._importers.setdefault("", [])
        return self._importers.get(import_path, [])

    def only_tests_import(self, view: PackageView) -> bool:
        """A package nothing but tests can run, test support (or dead code), when every file of
        the module was read: an `internal/` package that no production file of the module
        imports; or one that tests import and no production file does, living beside those
        tests (under the directory of one of them, or under its parent, not the module root:
        loki's `integration/client`, used by `integration/*_test.go`); or one whose every
        production importer is test support itself (gloo's `testutils/helper`, imported by the
        e2e suites that only `_test.go` files import)."""
        return view.directory is not None and self._test_support(view.directory)

    def _test_support(self, directory: str) -> bool:
        if directory not in self._tests_only:
            # Go has no import cycles, so whatever order workers ask in, the answer is one;
            # a cycle in stale text runs no test by itself.
            self._tests_only[directory] = False
            self._tests_only[directory] = self._only_tests_import(directory)
        return self._tests_only[directory]

    def _only_tests_import(self, directory: str) -> bool:
        import_path = self.layout.import_path_of(directory)
        if import_path is None or len(self._module_sources()) >= _MAX_FILES:
            return False
        importers = [d for d in self.importers(import_path) if d != directory]
        if importers:
            return all(self._test_support(d) for d in importers)
        if "internal" in import_path.split("/"):
            return True
        return self._tests_beside_import(import_path, directory)

    def _tests_beside_import(self, import_path: str, directory: str) -> bool:
        """A `_test.go` file imports ``import_path`` in a directory ``directory`` lies under,
        or in a child of one (the module root is no such directory: a test anywhere in the
        module says nothing about a package of a library): only the heads of those files
        are read, not the module's."""
        root = os.path.abspath(self.root)
        needle = f'"{import_path}"'.encode()
        ancestors = []
        current = os.path.dirname(directory)
        while current.startswith(root + os.sep):
            ancestors.append(current)
            current = os.path.dirname(current)
        places = set(ancestors)
        for ancestor in [directory, *ancestors]:  # a test one level below is beside it too
            places.update(os.path.join(ancestor, n) for n in _listing(ancestor)
                          if os.path.isdir(os.path.join(ancestor, n)))
        return any(needle in self._test_imports(os.path.join(place, name))
                   for place in sorted(places - {directory}) for name in _listing(place)
                   if name.endswith("_test.go"))

    def _test_imports(self, path: str) -> bytes:
        if path not in self._test_heads:
            self._test_heads[path] = _imports_of(_head(path))
        return self._test_heads[path]

    def _module_sources(self) -> list[tuple[str, bytes]]:
        if self._sources is None:
            self._sources = []
            for directory, names, files in os.walk(self.root):
                names[:] = sorted(n for n in names if n not in _SKIPPED and
                                  not n.startswith(".") and
                                  not os.path.isfile(os.path.join(directory, n, "go.mod")))
                for name in sorted(files):
                    if not name.endswith(".go") or len(self._sources) >= _MAX_FILES:
                        continue
                    if name.endswith("_test.go"):
                        self._test_files.append(os.path.join(directory, name))
                        continue  # tests import for themselves: no caller of production code
                    data = _head(os.path.join(directory, name))
                    if data:
                        self._sources.append((os.path.join(directory, name), _imports_of(data)))
        return self._sources

    def tests_alone_import(self, view: PackageView) -> bool:
        """Whether no production file of the module imports the package and a test of the
        module does, anywhere: test support (dolt's `dtestutils/testcommands`), whatever
        imports it runs in test binaries only. Only the heads of the tests are read."""
        import_path = self.import_path(view)
        if import_path is None or view.directory is None:
            return False
        if view.directory not in self._tests_alone:  # once per package: every test is read
            self._tests_alone[view.directory] = not [
                d for d in self.importers(import_path) if d != view.directory] and any(
                f'"{import_path}"'.encode() in self._test_imports(path)
                for path in self._test_files if os.path.dirname(path) != view.directory)
        return self._tests_alone[view.directory]

    def import_path(self, view: PackageView) -> str | None:
        return self.layout.import_path_of(view.directory) if view.directory else None

    def own(self, import_path: str) -> bool:
        """An import path of the module's own packages (in a GOPATH tree: of the repository)."""
        if not self.layout.gopath:
            return self.layout.owns(import_path)
        mine = self.layout.import_path_of(self.root)
        return mine is not None and (import_path == mine or import_path.startswith(mine + "/"))


_HEADER_BYTES = 16_384  # imports come first: a file's head holds them
_FIRST_BYTES = 4_096  # most heads end here: a declaration after the imports says so
_DECLARATION = re.compile(rb"^(?:func|type|var|const)\b", re.MULTILINE)
_IMPORTS = re.compile(rb"^import[ \t]*(\([^)]*\)|[^\n]*)", re.MULTILINE)


def _head(path: str) -> bytes:
    """A Go file's head: its first 4 KiB, or 16 KiB when no declaration ends its imports."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_FIRST_BYTES)
            if len(data) == _FIRST_BYTES and not _DECLARATION.search(data):
                data += handle.read(_HEADER_BYTES - _FIRST_BYTES)
            return data
    except OSError:
        return b""


def _listing(directory: str) -> list[str]:
    try:
        return sorted(os.listdir(directory))
    except OSError:
        return []


def _imports_of(head: bytes) -> bytes:
    """The import declarations of a file's head (`import "x"`, `import ( ... )`)."""
    return b"\n".join(match.group(1) for match in _IMPORTS.finditer(head))


_IMPORT_PATH = re.compile(rb'"([A-Za-z0-9_.~+-]+(?:/[A-Za-z0-9_.~+-]+)*)"')  # in imports only


def module_callers(view: PackageView, name: str) -> Iterator[tuple[FileModel, Node]]:
    """Calls `pkg.name(...)` of the package's function ``name`` from the other packages of
    its module that import it (their production files), as (file, call)."""
    for file, selector in module_references(view, name):
        call = selector.parent
        if call is not None and call.type == "call_expression" and \
                call.child_by_field_name("function") == selector:
            yield file, call


def module_references(view: PackageView, name: str) -> Iterator[tuple[FileModel, Node]]:
    """The selectors `pkg.name` naming the package's ``name`` in the other packages of its
    module that import it: calls, and function values handed on (`mux.HandleFunc("/",
    work.Handle)`), as (file, selector)."""
    module = view.module
    import_path = module.import_path(view) if module is not None else None
    if module is None or import_path is None:
        return
    for directory in module.importers(import_path):
        other = module.package_in(directory)
        if other is view:
            continue
        for file, node in other.references(name):
            selector = node.parent
            if selector is None or selector.type != "selector_expression" or \
                    selector.child_by_field_name("field") != node:
                continue
            operand = selector.child_by_field_name("operand")
            if operand is not None and operand.type == "identifier" and \
                    file.package_of(operand) == import_path:
                yield file, selector


def callers_anywhere(ref: FunctionRef) -> Iterator[tuple[FileModel, Node]]:
    """The calls of ``ref`` in its package, then, for an exported package function, in the
    other packages of its module."""
    view = ref.file.package_view
    yield from view.callers(ref)
    if ref.receiver is None and ref.name[:1].isupper():
        yield from module_callers(view, ref.name)


def method_calls_by_name(ref: FunctionRef) -> Iterator[tuple[FileModel, Node]]:
    """The calls that may run the method ``ref``, guessed by its name: in its package, calls
    resolved to it even uncertainly (a method name unique in the package); in the packages of
    the module that import it, every call `x.Name(...)` on a value (the receiver's type is not
    known there). Over-approximate: fit to ask whether the method may run often, not to say
    what a call does."""
    view = ref.file.package_view
    for file, node in view.references(ref.name):
        selector = node.parent
        call = selector.parent if selector is not None else None
        if selector is None or call is None or selector.type != "selector_expression" or \
                call.type != "call_expression":
            continue
        resolution = view.resolve_call(file, call)
        if resolution is not None and resolution.certain and \
                any(t.key == ref.key for t in resolution.targets):
            yield file, call
    module = view.module
    import_path = module.import_path(view) if module is not None else None
    if module is None or import_path is None or not ref.name[:1].isupper():
        return
    for directory in module.importers(import_path):
        other = module.package_in(directory)
        if other is view:
            continue
        for file, node in other.references(ref.name):
            selector = node.parent
            call = selector.parent if selector is not None else None
            if selector is None or call is None or selector.type != "selector_expression" or \
                    call.type != "call_expression" or \
                    call.child_by_field_name("function") != selector or \
                    selector.child_by_field_name("field") != node:
                continue
            operand = selector.child_by_field_name("operand")
            if operand is not None and operand.type == "identifier" and \
                    file.package_of(operand) is not None:
                continue  # `pkg.Name(...)`: a function of a package, no method
            yield file, call


def result_type(file: FileModel, call: Node) -> tuple[str, str] | None:
    """(import path, type name) of what `pkg.F(...)` returns, read from F's declaration in
    the module's package `pkg` (`func NewClient(...) *Client` → the package's `Client`)."""
    qualified = file.package_call(call)
    module = file.package_view.module
    other = module.package(qualified[0]) if qualified is not None and module is not None \
        else None
    if other is None or qualified is None:
        return None
    for ref in other.functions_named(qualified[1]):
        if ref.receiver is None:
            result = ref.node.child_by_field_name("result")
            if result is not None and result.type == "parameter_list":
                first = result.named_children[0] if result.named_child_count else None
                result = first.child_by_field_name("type") if first is not None else None
            name = base_type_name(result)
            return (qualified[0], name) if name is not None else None
    return None
