"""What a URL expression starts with, as far as the syntax tells: the known text before its
first unknown part. `"http://localhost:" + port`, `fmt.Sprintf(adminFormat, port)` with
`const adminFormat = "http://localhost:%d/v1"`, `fmt.Sprintf("http://%s:%d", "localhost", p)`,
`"http://" + net.JoinHostPort("127.0.0.1", port)`, `os.ExpandEnv("http://localhost:$PORT")`,
`u.String()` of `u, _ := url.Parse(raw)`, and a local given several such values all start
with their host, which is what decides whether a request leaves the machine.

An answer is a set of prefixes, each the text (without quotes) and whether it is the whole
string; None when some value is not known at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from leakgate.semantics.model import FileModel
from leakgate.semantics.package import STRING_LITERALS
from leakgate.semantics.syntax import is_assignment_target, text, unparen
from leakgate.semantics.types import initial_value
from leakgate.semantics.values import only_value, returned_first, string_values

_DEPTH = 4  # calls, locals and formats followed
_MAX_PREFIXES = 16
_VERB = re.compile(r"%[-+# 0-9.*]*[a-zA-Z%]")


@dataclass(frozen=True)
class Prefix:
    text: str
    whole: bool  # the whole string, not only its start


def url_prefixes(file: FileModel, node: Node, depth: int = 0) -> frozenset[Prefix] | None:
    """The texts ``node`` can start with (see the module docstring), or None."""
    node = unparen(node)
    if depth > _DEPTH:
        return None
    if node.type in STRING_LITERALS:
        return frozenset({Prefix(_unquote(text(node)), True)})
    if node.type == "binary_expression":
        return _concatenated(file, node, depth)
    if node.type == "call_expression":
        return _called(file, node, depth)
    if node.type == "identifier":
        given = _values_given(file, node)
        if given is not None:
            found: set[Prefix] = set()
            for value in given:
                prefixes = url_prefixes(file, value, depth + 1)
                if prefixes is None:
                    return None
                found |= prefixes
            return frozenset(found) if len(found) <= _MAX_PREFIXES else None
    values = string_values(file, node)
    return frozenset(Prefix(_unquote(v), True) for v in values) if values else None


def _concatenated(file: FileModel, node: Node, depth: int) -> frozenset[Prefix] | None:
    operator = node.child_by_field_name("operator")
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if operator is None or text(operator) != "+" or left is None or right is None:
        return None
    starts = url_prefixes(file, left, depth)
    if starts is None:
        return None
    if all(not p.whole for p in starts):
        return starts
    rests = url_prefixes(file, right, depth) or frozenset({Prefix("", False)})
    found = {p for p in starts if not p.whole}
    found |= {Prefix(p.text + r.text, r.whole) for p in starts if p.whole for r in rests}
    return frozenset(found) if len(found) <= _MAX_PREFIXES else None


def _called(file: FileModel, call: Node, depth: int) -> frozenset[Prefix] | None:
    qualified = file.package_call(call)
    arguments = call.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    if qualified == ("fmt", "Sprintf") and items:
        return _formatted(file, items[0], items[1:], depth)
    if qualified == ("net", "JoinHostPort") and len(items) == 2:
        hosts = url_prefixes(file, items[0], depth + 1)
        return frozenset(Prefix(h.text + ":" if h.whole else h.text, False)
                         for h in hosts) if hosts else None
    if qualified in (("os", "ExpandEnv"), ("os", "Expand")) and items:
        texts = url_prefixes(file, items[0], depth + 1)
        return frozenset(_before_expansion(t) for t in texts) if texts else None
    parsed = _parsed_string(file, call)
    if parsed is not None:
        return url_prefixes(file, parsed, depth + 1)
    if qualified is not None:
        return None
    resolution = file.package_view.resolve_call(file, call)
    returned = [(ref.file, value) for ref in resolution.targets
                for value in returned_first(ref.node)] if resolution is not None else []
    found: set[Prefix] = set()
    for returned_file, value in returned:
        prefixes = url_prefixes(returned_file, value, depth + 1)
        if prefixes is None:
            return None
        found |= prefixes
    return frozenset(found) or None


def _formatted(file: FileModel, format_node: Node, arguments: list[Node],
               depth: int) -> frozenset[Prefix] | None:
    """`fmt.Sprintf(format, args...)`: the format's text with each leading verb filled from
    its argument while that is known, up to the first part that is not."""
    formats = url_prefixes(file, format_node, depth + 1)
    if not formats:
        return None
    found: set[Prefix] = set()
    for written in formats:
        filled = _fill(file, written, arguments, depth)
        if filled is None:
            return None
        found |= filled
    return frozenset(found) if len(found) <= _MAX_PREFIXES else None


def _fill(file: FileModel, written: Prefix, arguments: list[Node],
          depth: int) -> frozenset[Prefix] | None:
    verb = _VERB.search(written.text)
    if verb is None:
        return frozenset({written})
    head = written.text[:verb.start()]
    if verb.group() == "%%" or not arguments or verb.group()[-1] not in "sv":
        return frozenset({Prefix(head, False)})
    values = url_prefixes(file, arguments[0], depth + 1)
    if not values:
        return frozenset({Prefix(head, False)})
    found: set[Prefix] = set()
    for value in values:
        if not value.whole:
            found.add(Prefix(head + value.text, False))
            continue
        rest = _fill(file, Prefix(written.text[verb.end():], written.whole), arguments[1:],
                     depth)
        found |= {Prefix(head + value.text + r.text, r.whole) for r in rest or ()}
    return frozenset(found)


def _before_expansion(written: Prefix) -> Prefix:
    """`os.ExpandEnv("http://localhost:$PORT/x")`: what comes before the first `$`."""
    index = written.text.find("$")
    return written if index < 0 else Prefix(written.text[:index], False)


def _parsed_string(file: FileModel, call: Node) -> Node | None:
    """`u.String()` where `u, err := url.Parse(raw)` (or `url.ParseRequestURI`), nothing
    assigning `u` again: ``raw``, which the URL prints back."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression" or \
            text(function.child_by_field_name("field") or function) != "String":
        return None
    operand = unparen(function.child_by_field_name("operand") or function)
    definition = file.resolve(operand) if operand.type == "identifier" else None
    parse = only_value(file, operand, definition) if definition is not None else None
    if parse is None or parse.type != "call_expression" or \
            file.package_call(parse) not in (("net/url", "Parse"), ("net/url", "ParseRequestURI")):
        return None
    arguments = parse.child_by_field_name("arguments")
    items = [a for a in arguments.named_children if a.type != "comment"] \
        if arguments is not None else []
    return items[0] if len(items) == 1 else None


def _values_given(file: FileModel, node: Node) -> list[Node] | None:
    """Every value a local (not a parameter, not a constant) is given: its initial value and
    each `name = value` after it (`url := "http://127.0.0.1/status"`, then
    `url = fmt.Sprintf("http://127.0.0.1:%d/status", port)` for another port); `name += s`
    keeps its start. None when some assignment is of another form (`url, err = f()`)."""
    definition = file.resolve(node)
    if definition is None or definition.kind in ("param", "const"):
        return None
    initial = initial_value(definition)
    if initial is None:
        return None
    values = [unparen(initial)]
    for use in file.scopes(node).uses(definition):
        if not is_assignment_target(use):
            continue
        holder = use.parent
        statement = holder.parent if holder is not None else None
        operator = statement.child_by_field_name("operator") if statement is not None and \
            statement.type == "assignment_statement" else None
        right = statement.child_by_field_name("right") if statement is not None else None
        if operator is not None and text(operator) == "+=":
            continue
        if operator is None or text(operator) != "=" or holder is None or \
                holder.named_child_count != 1 or right is None or right.named_child_count != 1:
            return None
        values.append(unparen(right.named_children[0]))
    return values


def _unquote(literal: str) -> str:
    """The text of a Go string literal as written, without its quotes (escapes kept: a host
    is plain text)."""
    return literal[1:-1] if len(literal) >= 2 and literal[0] in "\"`" else literal
