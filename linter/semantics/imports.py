"""Which import path a package name in this file refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from leakgate.semantics.syntax import text

_VERSION_SUFFIX = re.compile(r"^v[0-9]+$")
# Import paths that are another name for a standard package: x/net/context's Context,
# WithCancel, ... are aliases of the standard library's since Go 1.7.
_SAME_AS = {"golang.org/x/net/context": "context"}


def default_package_name(path: str) -> str:
    """The usual package name of an import path, without reading the package.

    Go names a package in its source, not its path; these are the conventions that hold for the
    standard library and nearly all modules: the last element, skipping a `/vN` major-version
    element, with `.vN` (gopkg.in) and `go-` / `-go` decorations removed.
    """
    parts = path.split("/")
    name = parts[-1]
    if _VERSION_SUFFIX.match(name) and len(parts) > 1:
        name = parts[-2]
    name = re.sub(r"\.v[0-9]+$", "", name)
    if name.startswith("go-"):
        name = name[3:]
    if name.endswith("-go"):
        name = name[:-3]
    return name.replace("-", "_").replace(".", "_")


@dataclass
class Imports:
    by_name: dict[str, str] = field(default_factory=dict)  # local name → import path
    dot: list[str] = field(default_factory=list)  # paths imported with `.`
    blank: list[str] = field(default_factory=list)  # paths imported with `_`

    @classmethod
    def of(cls, root: Node) -> Imports:
        imports = cls()
        for decl in root.children:
            if decl.type != "import_declaration":
                continue
            specs: list[Node] = []
            for child in decl.named_children:
                if child.type == "import_spec":
                    specs.append(child)
                elif child.type == "import_spec_list":
                    specs.extend(c for c in child.named_children if c.type == "import_spec")
            for spec in specs:
                imports._add(spec)
        return imports

    def _add(self, spec: Node) -> None:
        path_node = spec.child_by_field_name("path")
        if path_node is None:
            return
        written = text(path_node).strip('"`')
        path = _SAME_AS.get(written, written)
        name_node = spec.child_by_field_name("name")
        if name_node is None:
            self.by_name[default_package_name(written)] = path
        elif name_node.type == "dot":
            self.dot.append(path)
        elif name_node.type == "blank_identifier":
            self.blank.append(path)
        else:
            self.by_name[text(name_node)] = path

    @property
    def paths(self) -> set[str]:
        return set(self.by_name.values()) | set(self.dot) | set(self.blank)

    def imports_any(self, paths: frozenset[str]) -> bool:
        return not paths or not paths.isdisjoint(self.paths)

    def path_of(self, name: str) -> str | None:
        """Import path a package name refers to at file scope (locals may still shadow it)."""
        return self.by_name.get(name)

    def names_of(self, path: str) -> list[str]:
        return [name for name, p in self.by_name.items() if p == path]

    def sole_dot_import(self) -> str | None:
        return self.dot[0] if len(self.dot) == 1 else None
