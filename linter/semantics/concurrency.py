"""Channels and goroutines of a function: which channels it makes (buffered or not), how each
use touches them (send, receive, range, close, or hands them away), and what code a `go`
statement runs. Channel and goroutine rules ask here instead of walking on their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tree_sitter import Node

from leakgate.semantics.escape import escape_of_use
from leakgate.semantics.facts import Fact, Summary
from leakgate.semantics.loops import counted_returns, in_loop
from leakgate.semantics.model import FileModel
from leakgate.semantics.module import callers_anywhere
from leakgate.semantics.package import FunctionRef
from leakgate.semantics.scope import Definition
from leakgate.semantics.syntax import (
    FUNCTION_TYPES,
    ancestors,
    assignment_of,
    call_callee,
    descendants,
    holding,
    text,
    unparen,
)
from leakgate.semantics.types import has_parameter_of, initial_value

_PROCESS_LIFETIME: Summary[bool] = Summary("runs for the process lifetime")
_CALLED_ONCE: Summary[bool] = Summary("called once per process")
_CHANNELS: Fact[list[Channel]] = Fact("channels made in the file")
_USES: Fact[list[ChannelUse]] = Fact("uses of a channel")
_TARGET: Fact[tuple[FileModel, Node] | None] = Fact("what a go statement runs")
_DO_ARGUMENTS: Fact[set[tuple[int, int]]] = Fact("functions handed to once.Do")
_CONDS: Fact[bool] = Fact("the package declares or makes a sync.Cond")

# How a use touches a channel.
SEND, RECEIVE, RANGE, CLOSE, INSPECT, ESCAPE, OTHER = (
    "send", "receive", "range", "close", "inspect", "escape", "other")


@dataclass(frozen=True)
class Channel:
    definition: Definition
    make_call: Node
    capacity: int | None  # 0 unbuffered, n a constant capacity, None when not constant

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def unbuffered(self) -> bool:
        return self.capacity == 0


@dataclass(frozen=True)
class ChannelUse:
    ident: Node
    kind: str  # SEND | RECEIVE | RANGE | CLOSE | INSPECT | ESCAPE | OTHER
    operation: Node  # the send statement, receive expression, range clause or call
    function: Node | None  # the function the use is in (a closure, or the maker)
    in_select: Node | None  # the select statement when the operation is one of its cases


def is_builtin_call(ctx: FileModel, call: Node, name: str) -> bool:
    function = call.child_by_field_name("function")
    return (function is not None and function.type == "identifier" and text(function) == name
            and ctx.resolve(function) is None)


def make_chan_capacity(ctx: FileModel, value: Node | None) -> tuple[bool, int | None]:
    """(is `make(chan T[, n])`, capacity): capacity 0 when absent or literal 0, the integer for
    an integer literal, None otherwise."""
    if value is None:
        return False, None
    value = unparen(value)
    if value.type != "call_expression" or not is_builtin_call(ctx, value, "make"):
        return False, None
    arguments = value.child_by_field_name("arguments")
    items = arguments.named_children if arguments is not None else []
    items = [i for i in items if i.type != "comment"]
    if not items or items[0].type != "channel_type":
        return False, None
    if len(items) == 1:
        return True, 0
    size = unparen(items[1])
    if size.type == "int_literal":
        try:
            return True, int(text(size).replace("_", ""), 0)
        except ValueError:
            return True, None
    if size.type == "identifier":
        definition = ctx.resolve(size)
        if definition is None:  # a package constant, maybe in another file
            return True, ctx.package_view.constant(text(size))
        if definition.kind == "const":
            value = initial_value(definition)
            if value is not None and unparen(value).type == "int_literal":
                try:
                    return True, int(text(unparen(value)).replace("_", ""), 0)
                except ValueError:
                    return True, None
    return True, None


def all_made_channels(ctx: FileModel) -> list[Channel]:
    """Every channel a function of this file makes and names with `:=` or `var ... =`,
    found from `make(chan ...)` candidates (cached per file)."""

    def compute() -> list[Channel]:
        found = []
        for call in ctx.candidates.channel_makes:
            assigned = assignment_of(call)
            if assigned is None:
                continue
            statement, left = assigned
            if statement.type not in ("short_var_declaration", "var_spec") or len(left) != 1:
                continue
            definition = ctx.scopes(call).definition_at(left[0])
            is_channel, capacity = make_chan_capacity(ctx, call)
            if definition is not None and is_channel and \
                    definition.kind in ("short", "var"):
                found.append(Channel(definition, call, capacity))
        return found

    return ctx.memo(_CHANNELS, compute)


def made_channels(ctx: FileModel, function: Node) -> list[Channel]:
    """Channels `function` makes itself: `ch := make(chan T[, n])` or `var ch = make(...)`."""
    return [c for c in all_made_channels(ctx) if c.definition.function == function]


def nil_channel_definitions(ctx: FileModel) -> list[Definition]:
    """Locals declared `var ch chan T` without a value: nil until assigned."""
    found = []
    for spec in ctx.candidates.channel_vars:
        if spec.child_by_field_name("value") is not None:
            continue
        scopes = ctx.scopes(spec)
        for ident in spec.children_by_field_name("name"):
            definition = scopes.definition_at(ident)
            if definition is not None and definition.kind == "var":
                found.append(definition)
    return found


def select_of(operation: Node) -> Node | None:
    """The select statement when ``operation`` is the communication of one of its cases."""
    current = operation
    for _ in range(4):
        parent = current.parent
        if parent is None:
            return None
        if parent.type == "communication_case":
            communication = parent.child_by_field_name("communication")
            if communication is not None and communication.start_byte <= operation.start_byte \
                    and operation.end_byte <= communication.end_byte:
                return parent.parent
            return None
        current = parent
    return None


def cannot_give_up(select: Node | None) -> bool:
    """Whether a channel operation in ``select`` (None: a plain operation) must wait for its
    peer: no select, or a select with no other case and no default."""
    if select is None:
        return True
    cases = [c for c in select.named_children if c.type in ("communication_case", "default_case")]
    return len(cases) == 1


def exit_place(leak: Node) -> str:
    """Where the function returns at ``leak``, for a message: "line N" of a `return`, or "its
    end (line N)"."""
    return f"line {leak.start_point[0] + 1}" if leak.type == "return_statement" else \
        f"its end (line {int(leak.end_point[0]) + 1})"


def case_around(node: Node) -> Node | None:
    """The select case ``node`` is in, within its own function."""
    for parent in ancestors(node):
        if parent.type in FUNCTION_TYPES:
            return None
        if parent.type == "communication_case":
            return parent
    return None


def exit_reason(leak: Node) -> str:
    """Why the function returns at ``leak``, for a message: the select case around the return
    ("on timeout", "on cancellation", "in the `case ...`"), or "early"."""
    case = case_around(leak)
    if case is None:
        return "early"
    communication = case.child_by_field_name("communication")
    shown = text(communication) if communication is not None else ""
    if "time.After" in shown or ".C" in shown:
        return "on timeout"
    if ".Done()" in shown:
        return "on cancellation"
    return f"in the `case {shown}`"


def classify(ctx: FileModel, ident: Node, definition: Definition) -> ChannelUse:
    parent = ident.parent
    function = ctx.enclosing_function(ident)
    child = ident
    while parent is not None and parent.type == "parenthesized_expression":
        child, parent = parent, parent.parent
    if parent is not None:
        if parent.type == "send_statement" and parent.child_by_field_name("channel") == child:
            return ChannelUse(ident, SEND, parent, function, select_of(parent))
        if parent.type == "unary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type == "<-":
                return ChannelUse(ident, RECEIVE, parent, function, select_of(parent))
        if parent.type == "range_clause" and parent.child_by_field_name("right") == child:
            return ChannelUse(ident, RANGE, parent, function, None)
        if parent.type == "argument_list" and parent.parent is not None:
            call = parent.parent
            if is_builtin_call(ctx, call, "close"):
                return ChannelUse(ident, CLOSE, call, function, None)
            if is_builtin_call(ctx, call, "len") or is_builtin_call(ctx, call, "cap"):
                return ChannelUse(ident, INSPECT, call, function, None)
    if escape_of_use(ident, definition, captures=False) is not None:
        return ChannelUse(ident, ESCAPE, parent or ident, function, None)
    return ChannelUse(ident, OTHER, parent or ident, function, None)


def channel_uses(ctx: FileModel, channel: Channel) -> list[ChannelUse]:
    """How each use touches the channel, in source order (cached: several rules ask)."""
    def compute() -> list[ChannelUse]:
        scopes = ctx.scopes(channel.definition.node)
        return [classify(ctx, use, channel.definition)
                for use in scopes.uses(channel.definition)]

    key = channel.definition.node
    return ctx.memo(_USES.about(f"{key.start_byte}.{key.end_byte}"), compute)


def signalled_after(ctx: FileModel, function: Node, made: list[Channel],
                    go_statements: list[Node], go_statement: Node,
                    sends: list[ChannelUse]) -> list[int]:
    """Where ``function`` itself receives from a channel of ``made`` that only the goroutine
    ``go_statement`` signals (closes or sends on), each signal after all of its ``sends`` (or
    deferred: it runs when the goroutine ends) and outside loops: once the function has that
    signal, the goroutine is past its sends (`errCh <- e; close(done)` against
    `select { case e := <-errCh: ...; case <-done: }`)."""
    last_send = max(s.operation.end_byte for s in sends)
    positions: list[int] = []
    for other in made:
        uses = channel_uses(ctx, other)
        signals = [u for u in uses if u.kind in (SEND, CLOSE)]
        if not signals or any(goroutine_of(u.ident, go_statements) != go_statement
                              for u in signals) or any(u.kind == ESCAPE for u in uses):
            continue
        if any((u.operation.start_byte < last_send and not _deferred(ctx, u.operation))
               or in_loop(u.operation, go_statement) for u in signals) and \
                not _instead_of(ctx, go_statement, sends, signals):
            continue
        positions += [u.operation.start_byte for u in uses
                      if u.kind in (RECEIVE, RANGE) and u.function == function]
    return positions


def _instead_of(ctx: FileModel, go_statement: Node, sends: list[ChannelUse],
                signals: list[ChannelUse]) -> bool:
    """The goroutine gives the signals only on paths that make none of the sends, and makes
    the sends only on paths without a signal (`case e := <-w.Errors: errCh <- e; return`
    beside `done <- struct{}{}; return`): once the function has the signal, no send comes."""
    body = goroutine_body(ctx, go_statement)
    cfg = ctx.cfg(body) if body is not None else None
    if cfg is None:
        return False
    return not any(cfg.reaches_avoiding(a.operation, b.operation, []) or
                   cfg.reaches_avoiding(b.operation, a.operation, [])
                   for a in signals for b in sends)


def most_sends_in_a_run(ctx: FileModel, go_statement: Node, sends: list[ChannelUse]) -> int:
    """Sends one run of the goroutine can make: sends on exclusive branches count once. A send
    in a deferred `if r := recover(); r != nil { ch <- e }` runs only when the goroutine
    panics, which it cannot do after a send that only a `return` or the end follows: when
    every other send is such a last word, the panicking run makes only the deferred ones."""
    body = goroutine_body(ctx, go_statement)
    cfg = ctx.cfg(body) if body is not None else None
    if cfg is None or body is None:
        return len(sends)
    on_panic = [s for s in sends if _sent_on_panic(ctx, s.operation, body)]
    others = [s for s in sends if s not in on_panic]
    most = cfg.most_on_a_path([s.operation.start_byte for s in others])
    if on_panic and all(last_word(s.operation, body) for s in others):
        return max(most, len(on_panic))
    return cfg.most_on_a_path([s.operation.start_byte for s in sends])


def _sent_on_panic(ctx: FileModel, send: Node, body: Node) -> bool:
    """``send`` is in a literal that ``body`` defers, under a test of `recover()`."""
    literal = ctx.enclosing_function(send)
    if literal is None or literal.type != "func_literal" or \
            ctx.enclosing_function(literal) != body:
        return False
    call = literal.parent
    if call is None or call.type != "call_expression" or call.parent is None or \
            call.parent.type != "defer_statement":
        return False
    node = send.parent
    while node is not None and node != literal:
        tests = [node.child_by_field_name(f) for f in ("initializer", "condition")] \
            if node.type == "if_statement" else []
        if any(is_builtin_call(ctx, call, "recover") for test in tests if test is not None
               for call in descendants(test, frozenset({"call_expression"}))):
            return True
        node = node.parent
    return False


def last_word(send: Node, body: Node) -> bool:
    """Nothing but a `return` comes after ``send`` before ``body`` ends: no statement that
    could panic once it has sent."""
    node = send
    while node != body and node.parent is not None:
        parent = node.parent
        if parent.type in ("block", "statement_list"):
            after = [c for c in parent.named_children if c.start_byte >= node.end_byte
                     and c.type != "comment"]
            if after and after[0].type == "return_statement":
                return True
            if after:
                return False
        elif parent.type not in ("if_statement", "expression_case", "default_case",
                                 "communication_case", "block", "statement_list"):
            return parent == body
        node = parent
    return True


def _deferred(ctx: FileModel, operation: Node) -> bool:
    """`defer close(done)`: the operation runs when its function returns."""
    statement = ctx.inside(operation, "defer_statement")
    return statement is not None and \
        ctx.enclosing_function(statement) == ctx.enclosing_function(operation)


def go_call(go_statement: Node) -> Node | None:
    """The call a `go` statement makes: `go f(ch)` → `f(ch)`."""
    return next((c for c in go_statement.named_children if c.type == "call_expression"), None)


def goroutine_of(node: Node, go_statements: list[Node]) -> Node | None:
    """The first of ``go_statements`` that holds ``node``: the goroutine a use runs in."""
    for go_statement in go_statements:
        if go_statement.start_byte <= node.start_byte < go_statement.end_byte:
            return go_statement
    return None


def goroutine_body(ctx: FileModel, go_statement: Node) -> Node | None:
    """The function a `go` statement runs: its literal, or a function declared in this file."""
    call = go_call(go_statement)
    if call is None:
        return None
    function = call.child_by_field_name("function")
    if function is None:
        return None
    function = unparen(function)
    if function.type == "func_literal":
        return function
    if function.type == "identifier" and ctx.resolve(function) is None:
        return ctx.function_declarations.get(text(function))
    return None


def goroutine_target(ctx: FileModel, go_statement: Node) -> tuple[FileModel, Node] | None:
    """The function a `go` statement runs and the file it is in: its literal, or the one
    same-package function or method the call resolves to with certainty (any file)."""
    body = goroutine_body(ctx, go_statement)
    if body is not None:
        return ctx, body

    def compute() -> tuple[FileModel, Node] | None:
        call = go_call(go_statement)
        resolution = ctx.package_view.resolve_call(ctx, call) if call is not None else None
        if resolution is None or not resolution.certain or len(resolution.targets) != 1:
            return None
        (target,) = resolution.targets
        return target.file, target.node

    return ctx.memo(_TARGET.about(str(go_statement.start_byte)), compute)


def started_in(ctx: FileModel, function: Node) -> list[Node]:
    """`go` statements whose innermost enclosing function is ``function``."""
    return [g for g in ctx.go_statements if ctx.enclosing_function(g) == function]


def in_main_main(ctx: FileModel, node: Node) -> bool:
    """Whether ``node`` is inside `main.main` (closures included): the process ends with it."""
    return ctx.is_main_main(ctx.outermost_function(node))


def is_main_or_init(ctx: FileModel, node: Node) -> bool:
    """Whether ``node`` runs for the life of the process: inside `main.main` or an `init`
    function, closures included."""
    outermost = ctx.outermost_function(node)
    if outermost is None or outermost.type != "function_declaration":
        return False
    name = ctx.function_name(outermost)
    return name == "init" or ctx.is_main_main(outermost)



def process_lifetime(ctx: FileModel, go_statement: Node) -> str | None:
    """Why a goroutine is meant to live as long as the process, or None: started from `main`
    or `init` (directly, or through same-package functions only they call), once per process
    (`sync.Once`, a check of package state), or relaying an OS notification (a channel given
    to `signal.Notify`, a Windows event wait) from a function no loop or handler calls."""
    if started_once(ctx, go_statement):
        return "started once per process"
    if _per_event(ctx, go_statement):
        return None  # one per message or connection, however often the process runs it
    if is_main_or_init(ctx, go_statement):
        return "started from main or init"
    if runs_for_process(ctx, go_statement):
        return "started only on the way from main or init"
    if _relays_os_notifications(ctx, go_statement) and not _started_per_call(ctx, go_statement):
        return "relays OS notifications"
    return None


def _started_per_call(ctx: FileModel, go_statement: Node) -> bool:
    """Whether the function starting ``go_statement`` is called once per event: from a loop
    or a handler literal, in its package or (exported) its module."""
    function = ctx.outermost_function(go_statement)
    ref = ctx.package_view.function_at(ctx, function) if function is not None else None
    if ref is None:
        return False
    for file, call in callers_anywhere(ref):
        outer = file.enclosing_function(call)
        if _in_handler(file, call) or (outer is not None and in_loop(call, outer)):
            return True
    return False


def _per_event(ctx: FileModel, go_statement: Node) -> bool:
    """The `go` statement runs once per event: inside a loop with no bound of its own (`for
    {}`, `for cond {}`, `for x := range ch` over a channel) in its function, so main's code
    can start any number of them (one per accepted connection). A counted loop (`for i := 0;
    i < n; i++`) or a range over a collection starts a fixed set of workers."""
    function = ctx.enclosing_function(go_statement)
    node = go_statement.parent
    while node is not None and node != function:
        if node.type == "for_statement":
            clause = next((c for c in node.named_children
                           if c.type in ("for_clause", "range_clause")), None)
            if clause is None or (clause.type == "range_clause" and _ranges_channel(ctx, clause)):
                return True
            if clause.type == "for_clause" and clause.child_by_field_name("condition") is None:
                return True
        node = node.parent
    return False


def _ranges_channel(ctx: FileModel, clause: Node) -> bool:
    right = clause.child_by_field_name("right")
    if right is None or right.type != "identifier":
        return False
    definition = ctx.resolve(right)
    kind = definition.type_node() if definition is not None else None
    return kind is not None and kind.type == "channel_type"


_OS_WAITS = frozenset({"WaitForSingleObject", "WaitForMultipleObjects"})


def runs_for_process(ctx: FileModel, node: Node) -> bool:
    """Whether ``node`` runs only on the way from `main` or `init`: in them, or in
    unexported same-package functions that only they (transitively) call."""
    function = ctx.outermost_function(node)
    return function is not None and _started_by_process(ctx, function, 0)


def runs_once_per_process(ctx: FileModel, node: Node) -> bool:
    """On the way from `main` or `init` only (runs_for_process), and from no loop of a caller,
    however far up: what it leaks, it leaks once (containerboot's `run`, which `main` calls
    once; glooctl's `getEnvoyLogs`, which a command's action calls; not a
    `go ceb.startExec(...)` started per item of a loop, nor an API other modules may call)."""
    if not runs_for_process(ctx, node):
        return False
    function = ctx.outermost_function(node)
    return function is None or function.type == "func_literal" or \
        _called_once(ctx, function, 0)


def _called_once(ctx: FileModel, function: Node, depth: int) -> bool:
    """No caller of ``function`` (in the module, tests aside) calls it in a loop, nor runs in
    a function called in one: command actions and `main` end the climb. Once per function
    and depth (callers fan out)."""
    from leakgate.semantics.service import program_package  # service asks this module too

    def compute(ref: FunctionRef) -> bool:
        if ctx.is_main_main(function) or ctx.function_name(function) == "init" or \
                _cli_action(ctx, function):
            return True
        if depth > 4 or (ref.name[:1].isupper() and ctx.package != "main" and not (
                _internal(ctx) and ref.receiver is None) and not program_package(ctx)):
            return False  # too far to tell, or an API any importer may call again and again
        for file, call in callers_anywhere(ref):
            if file.is_test:
                continue
            inner, outer = file.enclosing_function(call), file.outermost_function(call)
            if inner is None or outer is None:
                continue  # a package variable's initializer: it runs once
            if in_loop(call, outer):
                return False  # a loop anywhere up to the declaration, in a literal's too
            if inner.type == "func_literal" and _cli_action(file, inner):
                continue  # a command's action: the framework runs one per process
            if not _called_once(file, outer, depth + 1):
                return False
        return True

    return ctx.package_view.function_summary(_CALLED_ONCE.at(depth), ctx, function, compute)


def _internal(ctx: FileModel) -> bool:
    """The file's package is under an `internal/` directory: only its module can import it."""
    view = ctx.package_view
    path = view.module.import_path(view) if view.module is not None else None
    return path is not None and "internal" in path.split("/")


def _relays_os_notifications(ctx: FileModel, go_statement: Node) -> bool:
    data = ctx.source.data
    if b"Notify" not in data and b"WaitFor" not in data:
        return False
    notified = set()
    for call, _ in ctx.calls_to("os/signal", {"Notify"}):
        arguments = call.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments is not None and \
            arguments.named_child_count else None
        if first is not None and first.type == "identifier":
            definition = ctx.resolve(first)
            if definition is not None:
                notified.add(id(definition))
    for node in descendants(go_statement, frozenset({"unary_expression", "range_clause",
                                                      "call_expression"})):
        if node.type == "call_expression":
            operand, name = call_callee(node)
            if name in _OS_WAITS and operand is not None:
                return True
            continue
        target = node.child_by_field_name("operand") if node.type == "unary_expression" \
            else node.child_by_field_name("right")
        if node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or operator.type != "<-":
                continue
        if target is not None and target.type == "identifier":
            definition = ctx.resolve(target)
            if definition is not None and id(definition) in notified:
                return True
    return False


def _started_by_process(ctx: FileModel, function: Node, depth: int) -> bool:
    """Whether every path to ``function`` starts in `main`, `init` or a `sync.Once`, and there
    is at least one: same-package callers, and for an exported function the module's other
    packages too, of which one at least must call it (else it is an API anyone may call)."""
    if function.type == "func_literal":
        return _cli_action(ctx, function)
    if depth > 4:
        return False
    name = ctx.function_name(function)
    if name == "init" or ctx.is_main_main(function) or _cli_command_run(ctx, function) or \
            _cli_action(ctx, function):
        return True  # `Run: keeper`, a function taking what the framework hands an action
    exported = name[:1].isupper() and ctx.package != "main"
    view = ctx.package_view
    from leakgate.semantics.service import program_package  # service asks this module too

    def compute(ref: FunctionRef) -> bool:
        if exported and ref.receiver is not None and not program_package(ctx):
            return False  # a method of the package's API: its callers elsewhere are unknown
        # Tests call and export what they test (`Run = run` in export_test.go), and examples
        # show an API's users how to call it: neither is the program's path.
        callers = [(file, call) for file, call in
                   (callers_anywhere(ref) if exported else view.callers(ref))
                   if not file.is_test and not (exported and file.is_sample)]
        if exported and not program_package(ctx) and \
                all(file.package_view is view for file, _ in callers):
            return False  # nothing else in the module calls it: an API for any code to call
        others = [(file, node) for file, node in view.uses_outside_calls(ref)
                  if not file.is_test]
        if not callers and not others:
            # A `main` nothing in Go calls is an entry point (the runtime's own main goroutine).
            return name == "main"
        for _, node in others:
            if not _argument_of_once(node):
                return False
        for file, call in callers:
            if started_once_at(file, call):
                continue
            if _in_handler(file, call):
                return False  # in a handler literal (`http.HandleFunc("/", func(w, r) {...})`)
            inner = file.enclosing_function(call)
            if inner is not None and inner.type == "func_literal" and _cli_action(file, inner):
                continue  # a command's action (`RunE: func(...) { return run(opts) }`)
            outer = file.outermost_function(call)
            if outer is None or not _started_by_process(file, outer, depth + 1):
                return False
        return True

    # Once per function and depth (callers fan out); a cycle sees "no" while computed.
    return view.function_summary(_PROCESS_LIFETIME.at(depth), ctx, function, compute)


# The argument a command-line framework hands the action of the command being run: the
# framework runs one action per process, on the way from main.
_CLI_ACTION_ARGUMENTS = {
    **{path: "Context" for path in ("github.com/urfave/cli", "github.com/urfave/cli/v2",
                                    "github.com/urfave/cli/v3", "gopkg.in/urfave/cli.v1",
                                    "gopkg.in/urfave/cli.v2", "github.com/codegangsta/cli")},
    "github.com/spf13/cobra": "Command",
    **{path: "ParseContext" for path in ("github.com/alecthomas/kingpin",
                                         "github.com/alecthomas/kingpin/v2",
                                         "gopkg.in/alecthomas/kingpin.v2")},
}


def _cli_action(file: FileModel, literal: Node) -> bool:
    """A function literal taking what a CLI framework hands a command's action (`Action:
    func(c *cli.Context) error`, cobra's `Run: func(cmd *cobra.Command, args []string)`), or
    one making the command to run (mitchellh/cli's `func() (cli.Command, error)` factory)."""
    result = literal.child_by_field_name("result")
    first = result.named_children[0] if result is not None and \
        result.type == "parameter_list" and result.named_child_count else None
    kind = first.child_by_field_name("type") if first is not None else None
    if kind is not None and file.is_qualified(kind, "github.com/mitchellh/cli", "Command"):
        return True
    return any(has_parameter_of(file, literal, path, (name,))
               for path, name in _CLI_ACTION_ARGUMENTS.items())


def _cli_command_run(file: FileModel, method: Node) -> bool:
    """`func (c *Command) Run(args []string) int` of a type that also has `Help` and
    `Synopsis`: mitchellh/cli's Command, run once per process by the CLI."""
    if method.type != "method_declaration" or file.function_name(method) != "Run":
        return False
    parameters = method.child_by_field_name("parameters")
    result = method.child_by_field_name("result")
    if parameters is None or text(parameters).replace(" ", "") not in ("(args[]string)",
                                                                       "([]string)") or \
            result is None or text(result) != "int":
        return False
    view = file.package_view
    receiver = next((receiver for receiver, refs in view.methods_named("Run").items()
                     if any(ref.node == method for ref in refs)), None)
    return receiver is not None and all(receiver in view.methods_named(other)
                                        for other in ("Help", "Synopsis"))


def _in_handler(file: FileModel, node: Node) -> bool:
    """Whether ``node`` is in a function literal taking an `http.ResponseWriter` or an
    `*http.Request`: a handler, run once per request, wherever it is written."""
    function = file.enclosing_function(node)
    while function is not None and function.type == "func_literal":
        if has_parameter_of(file, function, "net/http", ("ResponseWriter", "Request")):
            return True
        function = file.enclosing_function(function)
    return False


def _argument_of_once(node: Node) -> bool:
    """`once.Do(f)` / `once.Do(s.start)`: the function is handed to a `.Do` call."""
    holder = node.parent
    if holder is not None and holder.type == "selector_expression":
        holder = holder.parent
    call = holder.parent if holder is not None and holder.type == "argument_list" else None
    return call is not None and call.type == "call_expression" and call_callee(call)[1] == "Do"


def started_once_at(ctx: FileModel, node: Node) -> bool:
    """Whether ``node`` runs inside a function literal handed to `.Do(...)` (sync.Once)."""
    once_bodies = _do_arguments(ctx)
    return any(start <= node.start_byte and node.end_byte <= end for start, end in once_bodies)


_BUILTINS = frozenset({"true", "false", "nil", "iota", "len", "cap", "append", "make", "new",
                       "panic", "recover", "print", "println", "copy", "delete", "close",
                       "complex", "real", "imag", "min", "max", "clear"})


def started_once(ctx: FileModel, go_statement: Node) -> bool:
    """Whether a goroutine is a per-process singleton: started inside a `.Do(func() {...})`
    (sync.Once), or behind an `if`/`for` condition on package-level state in its function
    (`if fingCreate == 0 && cas(&fingCreate, 0, 1) { go runfinq() }`)."""
    function = ctx.enclosing_function(go_statement)
    if function is None:
        return False
    once_bodies = _do_arguments(ctx)
    if once_bodies:
        scopes = ctx.scopes(function)
        current = function
        while current.type == "func_literal":
            if (current.start_byte, current.end_byte) in once_bodies:
                return True
            outer = scopes.function_of(current)
            if outer == current:
                break
            current = outer
    body = function.child_by_field_name("body")
    if body is None:
        return False
    for statement in descendants(body, frozenset({"if_statement", "for_statement"}),
                                 into_functions=False):
        if statement.start_byte > go_statement.start_byte:
            break
        for condition in _conditions(statement):
            if _reads_package_state(ctx, condition):
                return True
    return False


def _do_arguments(ctx: FileModel) -> set[tuple[int, int]]:
    """Byte ranges of function literals passed to a `.Do(...)` call (sync.Once and alikes)."""

    def compute() -> set[tuple[int, int]]:
        found = set()
        for call, _ in ctx.method_calls("Do"):
            arguments = call.child_by_field_name("arguments")
            for argument in arguments.named_children if arguments is not None else []:
                if argument.type == "func_literal":
                    found.add((argument.start_byte, argument.end_byte))
        return found

    return ctx.memo(_DO_ARGUMENTS, compute)


def _conditions(statement: Node) -> list[Node]:
    if statement.type == "if_statement":
        condition = statement.child_by_field_name("condition")
        return [condition] if condition is not None else []
    found = []
    body = statement.child_by_field_name("body")
    for child in statement.named_children:
        if child == body or child.type in ("comment", "range_clause"):
            continue
        if child.type == "for_clause":
            condition = child.child_by_field_name("condition")
            if condition is not None:
                found.append(condition)
        else:
            found.append(child)
    return found


def _reads_package_state(ctx: FileModel, condition: Node) -> bool:
    for ident in [condition, *descendants(condition, frozenset({"identifier"}))]:
        if ident.type != "identifier" or text(ident) in _BUILTINS:
            continue
        parent = ident.parent
        if parent is not None and parent.type == "call_expression" and \
                parent.child_by_field_name("function") == ident:
            continue  # a function called, not state read
        if ctx.imports.path_of(text(ident)) is not None:
            continue
        if ctx.resolve(ident) is None:
            return True
    return False


def on_a_branch(ctx: FileModel, node: Node) -> bool:
    """Whether ``node`` sits in an if, case or select branch of its function: a deliberate
    park on an exceptional path (a debug flag, a dying process)."""
    function = ctx.enclosing_function(node)
    for holder in ancestors(node):
        if holder == function:
            return False
        if holder.type in ("if_statement", "expression_case", "type_case",
                           "communication_case", "default_case"):
            return True
    return False


def is_park(channel: Channel, uses: list[ChannelUse]) -> bool:
    """A channel whose only use is one receive in the function that made it (`c :=
    make(chan struct{})`, any setup, `<-c`): `select {}` spelled with a channel, certain to
    block the function for good, and held to the same exemptions. A goroutine receiving it is
    no park: it is started anew on every call, and left behind."""
    return len(uses) == 1 and uses[0].function == channel.definition.function


def mentions_conds(ctx: FileModel) -> bool:
    """Whether any file of the package spells `sync.Cond` or `NewCond` (most packages: none)."""
    return ctx.package_view.fact(_CONDS, lambda: any(
        b"sync.Cond" in data or b"NewCond" in data for data in ctx.package_view.texts()))


def receiving_in(function: Node, uses: list[ChannelUse]) -> Callable[[Node], bool]:
    """Whether a CFG item of ``function`` receives from the channel: a receive, a loop that
    receives, or a return only a loop's every receive case reaches."""
    holds = holding([u.operation.start_byte for u in uses
                     if u.kind in (RECEIVE, RANGE) and u.function == function])
    loops_receiving = [loop for loop in descendants(function, frozenset({"for_statement"}),
                                                    into_functions=False)
                       if holds(loop)]

    counted = cache(lambda: counted_returns(function, holds))  # asked at the first return

    def receives_here(item: Node) -> bool:
        if holds(item) or (item.type == "return_statement" and item.start_byte in counted()):
            return True
        parent = item.parent
        if parent is not None and parent.type == "for_clause":
            parent = parent.parent
        return parent is not None and parent in loops_receiving and \
            parent.child_by_field_name("body") != item

    return receives_here
