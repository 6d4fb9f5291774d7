"""What a call of a standard function does with the values it is handed, without reading it.

A resource handed to a function the linter cannot see is assumed handled ("it could close
it"); for the standard library that guess is needless. Formatting, logging and encoding read
their arguments and never close, end, stop or keep them; a reader wrapper hands back a new
reader, closing the old one only through itself; a few functions run a function argument
before they return. Rules ask here before crediting an argument as handed on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

# Functions that only read their arguments: they format, log, compare or encode them.
_READS = {
    "fmt": frozenset({"Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln", "Fprint",
                      "Fprintf", "Fprintln", "Errorf", "Append", "Appendf", "Appendln"}),
    "log": frozenset({"Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic",
                      "Panicf", "Panicln"}),
    "log/slog": frozenset({"Debug", "Info", "Warn", "Error", "Any"}),
    "encoding/json": frozenset({"Marshal", "MarshalIndent"}),
    "encoding/xml": frozenset({"Marshal", "MarshalIndent"}),
    "reflect": frozenset({"TypeOf", "ValueOf", "DeepEqual"}),
    "errors": frozenset({"Is", "As"}),
}
# Wrappers whose result closes what they wrap when it is closed (`http.MaxBytesReader`).
_WRAPS_CLOSING = {"net/http": frozenset({"MaxBytesReader"})}


def only_reads(file: FileModel, call: Node) -> bool:
    """Whether ``call`` is a standard function that reads its arguments and keeps none."""
    qualified = file.package_call(call)
    return qualified is not None and qualified[1] in _READS.get(qualified[0], frozenset())


def wraps_closing(file: FileModel, call: Node) -> bool:
    """Whether ``call`` wraps a reader in one that closes it when closed."""
    qualified = file.package_call(call)
    return qualified is not None and \
        qualified[1] in _WRAPS_CLOSING.get(qualified[0], frozenset())


def result_dropped(call: Node) -> bool:
    """The call's result is thrown away: a statement of its own, or assigned to `_`."""
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        call, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "expression_statement":
        return True
    if parent.type != "expression_list" or parent.named_child_count != 1:
        return False
    statement = parent.parent
    left = statement.child_by_field_name("left") if statement is not None and \
        statement.type in ("assignment_statement", "short_var_declaration") else None
    names = left.named_children if left is not None else []
    return len(names) == 1 and names[0].type in ("blank_identifier", "identifier") and \
        names[0].text == b"_"


def never_runs(literal: Node) -> bool:
    """A function literal assigned to `_`: its body never runs, so nothing it does counts."""
    return literal.type == "func_literal" and result_dropped(literal) and \
        literal.parent is not None and literal.parent.type != "expression_statement"
