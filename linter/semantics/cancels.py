"""Cancel functions: where `context.WithCancel` and its kin hand one out, and the path on which
the function loses it (go vet's `lostcancel`: any use of the variable counts as keeping it).
LG601 asks this and then whether the loss holds anything; LG605 reports what vet reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.cfg import or_naked_return
from leakgate.semantics.contexts import CONTEXT, WITH_CANCEL
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import assignment_of, text

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel


@dataclass(frozen=True)
class CancelSite:
    """`derived, cancel := context.<name>(...)`, in ``function`` (None at package level)."""
    call: Node
    name: str
    statement: Node
    derived: Node
    cancel: Node
    function: Node | None

    @property
    def discarded(self) -> bool:
        return self.cancel.type == "blank_identifier" or text(self.cancel) == "_"


def cancel_sites(file: FileModel) -> Iterator[CancelSite]:
    """Every With* call whose two results are assigned; one returned, passed on or used in an
    expression escapes, and is nobody's to report."""
    for call, name in file.calls_to(CONTEXT, WITH_CANCEL):
        assigned = assignment_of(call)
        if assigned is None:
            continue
        statement, left = assigned
        if len(left) == 2:
            yield CancelSite(call, name, statement, left[0], left[1],
                             file.enclosing_function(call))


def own_cancel(file: FileModel, site: CancelSite) -> Definition | None:
    """The cancel's variable when the function declares it itself; a package variable or one of
    an enclosing function (assigned in a closure) is used elsewhere, a field or an element is
    not a variable."""
    if site.cancel.type != "identifier" or site.function is None:
        return None
    definition = file.scopes(site.call).resolve(site.cancel)
    return definition if definition is not None and definition.function == site.function \
        else None


def losing_exit(file: FileModel, site: CancelSite, definition: Definition,
                done_ends: bool = True) -> Node | None:
    """A return (or the closing brace) reached from the assignment without a use of the cancel;
    None when every path uses it. With ``done_ends``, a receive from the derived context's own
    `Done()` is a use too: past it the context is over and has let go of its timer and parent
    (vet does not know this)."""
    if site.function is None:
        return None
    cfg = file.cfg(site.function)
    if cfg is None:
        return None
    positions = [use.start_byte for use in file.scopes(site.call).uses(definition)]
    if done_ends:
        positions += _done_received(file, site.derived)
    uses = or_naked_return(positions) if definition.kind == "result" else positions
    return cfg.exit_avoiding(site.statement, uses)


def _done_received(file: FileModel, derived: Node) -> list[int]:
    """Where the function receives from the derived context's `Done()` (`case <-ctx.Done():`)."""
    definition = file.resolve(derived) if derived.type == "identifier" else None
    if definition is None:
        return []
    found = []
    for use in file.scopes(derived).uses(definition):
        selector = use.parent
        call = selector.parent if selector is not None else None
        receive = call.parent if call is not None else None
        if selector is not None and selector.type == "selector_expression" and \
                text(selector.child_by_field_name("field") or selector) == "Done" and \
                call is not None and call.type == "call_expression" and \
                receive is not None and receive.type == "unary_expression" and \
                text(receive).startswith("<-"):
            found.append(receive.start_byte)
    return found
