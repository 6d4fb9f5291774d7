"""Cancel functions: where `context.WithCancel` and its kin hand one out, and the path on which
the function loses it (go vet's `lostcancel`: any use of the variable counts as keeping it).
LG601 asks this and then whether the loss holds anything; LG605 reports what vet reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.cfg import or_naked_return
from leakgate.semantics.concurrency import CLOSE, ESCAPE, INSPECT, RANGE, RECEIVE, SEND
from leakgate.semantics.contexts import CONTEXT, FRESH_ROOTS, WITH_CANCEL, invoked_in_place
from leakgate.semantics.field_sites import ACCESSOR, CALL, accessed_field, field_sites
from leakgate.semantics.fields import Field
from leakgate.semantics.package import base_type_name
from leakgate.semantics.scope import Definition
from leakgate.semantics.summaries import waits_for_cancellation
from leakgate.semantics.syntax import ancestors, assignment_of, text, unparen

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
        positions += _done_received(file, site.derived, site.function)
    uses = or_naked_return(positions) if definition.kind == "result" else positions
    return cfg.exit_avoiding(site.statement, uses)


def _done_received(file: FileModel, derived: Node, function: Node) -> list[int]:
    """Where the function itself receives from the derived context's `Done()` (`case
    <-ctx.Done():`); a goroutine's receive says nothing of the function's path."""
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
            own = file.enclosing_function(receive)
            if own is not None and own.id == function.id:
                found.append(receive.start_byte)
    return found


def released_with_parent(file: FileModel, site: CancelSite) -> bool:
    """Whether the derived context's parent is a context the function derives itself, nearest
    before it (`ctx, cancel := context.WithCancelCause(parent)` then `ctx, _ =
    context.WithTimeoutCause(ctx, d)`), and that parent's cancel is used on every path to a
    return: cancelling a parent cancels its children and stops their timers, so the child's
    lost cancel holds nothing past the parent's (dagger's and buildkit's idiom)."""
    arguments = site.call.child_by_field_name("arguments")
    parent = arguments.named_children[0] if arguments is not None and \
        arguments.named_child_count else None
    if parent is None or parent.type != "identifier" or site.function is None:
        return False
    definition = file.resolve(parent)
    if definition is None or definition.function != site.function:
        return False
    before = [other for other in cancel_sites_in(file, site.function)
              if other.call.start_byte < site.call.start_byte and
              other.derived.type == "identifier" and file.resolve(other.derived) == definition]
    if not before:
        return False
    nearest = max(before, key=lambda other: other.call.start_byte)
    cancel = own_cancel(file, nearest)
    return cancel is not None and losing_exit(file, nearest, cancel) is None


def cancel_sites_in(file: FileModel, function: Node) -> list[CancelSite]:
    """The cancel sites whose nearest enclosing function is ``function``."""
    return [site for site in cancel_sites(file) if site.function == function]


def holds_only_done(file: FileModel, site: CancelSite) -> bool:
    """Whether the derived context holds nothing but its Done channel: a `WithCancel` (or
    `WithCancelCause`) of `context.Background()`, `TODO()` or `WithoutCancel(...)` has no timer
    and no parent that lists it, so lost, it is garbage; only a goroutine waiting on its Done
    is left waiting. True when no such waiter can be in the function's hands: no `go` statement
    gets the context, nothing stores or returns it, and no same-package function it is handed
    to waits for cancellation. A call of another package is taken to use it while it runs."""
    if not unlisted(file, site) or site.derived.type != "identifier":
        return False
    definition = file.resolve(site.derived)
    if definition is None:
        return False
    return all(_used_in_place(file, site, use) for use in
               file.scopes(site.derived).uses(definition))


def _used_in_place(file: FileModel, site: CancelSite, use: Node) -> bool:
    """The use reads the context where it stands, or hands it to a call that uses it while it
    runs: not in a literal kept to run later or by `go`, not stored, sent or returned."""
    for outer in ancestors(use):
        if outer.id == site.function.id if site.function is not None else False:
            break
        if outer.type == "func_literal" and not invoked_in_place(outer):
            return False  # kept to run later, as often as whoever holds it likes
        if outer.type == "go_statement":
            return False
    holder = use.parent
    while holder is not None and holder.type == "parenthesized_expression":
        holder = holder.parent
    if holder is None:
        return False
    if holder.type == "argument_list":
        call = holder.parent
        if call is None:
            return False
        resolution = file.package_view.resolve_call(file, call)
        return resolution is None or not any(waits_for_cancellation(ref)
                                             for ref in resolution.targets)
    if holder.type == "selector_expression":
        return True  # ctx.Err(), ctx.Done() read here
    if holder.type == "expression_list" and holder.parent is not None and \
            holder.parent.type in ("assignment_statement", "short_var_declaration"):
        return holder.parent.child_by_field_name("left") == holder  # reassigned, not copied
    return False


def unlisted(file: FileModel, site: CancelSite) -> bool:
    """A `WithCancel` (or `WithCancelCause`) of `Background()`, `TODO()` or `WithoutCancel(...)`:
    no timer, and no parent that lists it among its children."""
    return site.name in ("WithCancel", "WithCancelCause") and _root(file, site.call)


def _root(file: FileModel, call: Node) -> bool:
    """The With* call's parent is `context.Background()`, `TODO()` or `WithoutCancel(...)`."""
    arguments = call.child_by_field_name("arguments")
    parent = unparen(arguments.named_children[0]) if arguments is not None and \
        arguments.named_child_count else None
    if parent is None or parent.type != "call_expression":
        return False
    names = FRESH_ROOTS | {"WithoutCancel"}
    return any(parent.id == found.id for found, _ in file.calls_to(CONTEXT, names))


# --- cancels kept in fields ----------------------------------------------------------------
def stored_in_fields(file: FileModel, uses: list[Node]) -> list[tuple[Node, Field]] | None:
    """When every use of the cancel variable stores it in a field of a package type
    (`s.cancel = cancel`, `&T{cancel: cancel}`): where, and which fields; else None."""
    stored = []
    for use in uses:
        field = None
        where: Node | None = None
        parent = use.parent
        if parent is not None and parent.type == "expression_list" and parent.parent is not None \
                and parent.parent.type == "assignment_statement" and \
                parent.parent.child_by_field_name("right") == parent:
            left = parent.parent.child_by_field_name("left")
            values = [c.id for c in parent.named_children]
            targets = left.named_children if left is not None else []
            if len(targets) == len(values):
                where = targets[values.index(use.id)]
                field = accessed_field(file, where) if where.type == "selector_expression" \
                    else None
        elif parent is not None and parent.type == "literal_element":
            keyed = parent.parent
            if keyed is not None and keyed.type == "keyed_element" and \
                    keyed.named_children[0].id == parent.id:
                continue  # the key of `cancel: cancel`, a field name
            if keyed is not None and keyed.type == "keyed_element" and \
                    keyed.named_children[-1].id == parent.id:
                literal = keyed.parent.parent if keyed.parent is not None else None
                owner = base_type_name(literal.child_by_field_name("type")) \
                    if literal is not None and literal.type == "composite_literal" else None
                key = keyed.named_children[0]
                if owner is not None and file.package_view.struct_fields_of(owner) is not None:
                    field, where = Field(owner, text(key)), keyed
        if field is None or where is None:
            return None
        stored.append((where, field))
    return stored


def kept_unread(file: FileModel, site: CancelSite) -> bool:
    """An unlisted context (a WithCancel of a root: no timer, no parent's list) kept only in
    fields nothing reads: lost, its cancel holds nothing, and nothing waits on it (bk-bcs's
    and lindb's workers, github35)."""
    if not unlisted(file, site):
        return False
    if site.derived.type == "identifier":
        definition = file.resolve(site.derived)
        stored = stored_in_fields(file, file.scopes(site.call).uses(definition)) \
            if definition is not None else None
        fields = [field for _, field in stored] if stored else []
    else:
        field = accessed_field(file, site.derived)
        fields = [field] if field is not None else []
    return bool(fields) and all(_unread(file, field) for field in fields)


def _unread(file: FileModel, field: Field) -> bool:
    sites = field_sites(file, field)
    kinds = (CALL, ESCAPE, ACCESSOR, INSPECT, RECEIVE, SEND, RANGE, CLOSE)
    return not (sites.foreign or sites.of(*kinds) or sites.hidden_of(*kinds))


def cancel_never_called(file: FileModel, field: Field) -> bool:
    """No code of the package calls the function kept in ``field``, hands it on or copies
    it, and nothing of unknown type or in another package may. Test code (a suite's
    `SetupTest` keeping a cancel no `TearDownTest` calls) runs in `go test`'s binary, as
    `_test.go` files do."""
    if file.is_test or file.package_view.field_type(field.owner, field.name) is None:
        return False  # promoted from an embedded struct, or not the package's type
    sites = field_sites(file, field)
    return not (sites.foreign or sites.of(CALL, ESCAPE, ACCESSOR) or
                sites.hidden_of(CALL, ESCAPE, ACCESSOR))
