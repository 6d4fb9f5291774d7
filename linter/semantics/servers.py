"""What a goroutine serving an HTTP server sends once that server is shut down.

`if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed { errCh <- err }`
sends only when serving fails for another reason: after `srv.Shutdown(ctx)` or `srv.Close()`,
`Serve` returns `http.ErrServerClosed` and the goroutine ends without sending. A function that
shuts the server down on its way out (before the `return`, in the return itself, or by a
deferred `Close`) leaves no sender behind.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from leakgate.semantics.syntax import FUNCTION_TYPES, call_callee, descendants, text

_SERVES = frozenset({"Serve", "ServeTLS", "ListenAndServe", "ListenAndServeTLS"})
_STOPS = frozenset({"Shutdown", "Close"})
# Statements that run whenever the code after them does (a deferred call runs at the return).
_ON_THE_WAY = frozenset({"expression_statement", "defer_statement", "short_var_declaration",
                         "assignment_statement", "var_declaration"})
_NOT_CLOSED = re.compile(r"!=\s*(?:\w+\.)?ErrServerClosed\b|!errors\.Is\([^)]*ErrServerClosed")


def sends_only_on_serve_failure(send: Node) -> str | None:
    """The server (as written: `srv`, `s.server`) whose Serve error, other than
    ErrServerClosed, is the only way to ``send``; None when the send is reached otherwise."""
    node = send.parent
    while node is not None and node.type not in FUNCTION_TYPES:
        if node.type == "if_statement":
            condition = node.child_by_field_name("condition")
            if condition is not None and _NOT_CLOSED.search(text(condition)):
                return _served_by(node)
        node = node.parent
    return None


def _served_by(statement: Node) -> str | None:
    """`srv` for `if err := srv.Serve(l); ...`, or for `err := srv.Serve(l)` just before."""
    for candidate in (statement.child_by_field_name("initializer"),
                      statement.prev_named_sibling):
        right = candidate.child_by_field_name("right") if candidate is not None else None
        call = right.named_children[0] if right is not None and right.named_child_count \
            else None
        if call is not None and call.type == "call_expression":
            operand, name = call_callee(call)
            if operand is not None and name in _SERVES:
                return text(operand)
    return None


def shuts_down_before(server: str, function: Node, exit: Node) -> bool:
    """``function`` stops ``server`` on its way out at ``exit``: a `server.Shutdown(...)` or
    `server.Close()` call in ``exit``, or in a plain statement (a deferred one included)
    before it in a block around it; not one an `if` or a loop before it may skip."""
    body = function.child_by_field_name("body")
    node = exit
    while body is not None and node.parent is not None and node.start_byte > body.start_byte:
        for statement in node.parent.named_children:
            if statement.start_byte > node.start_byte:
                break
            if statement.id == node.id and node.id != exit.id:
                continue  # what comes before the exit inside it is seen a level down
            runs = [statement] if statement.id == exit.id or statement.type in _ON_THE_WAY \
                else [statement.child_by_field_name(f) for f in ("initializer", "condition")] \
                if statement.type == "if_statement" else []  # a loop or a branch may skip it
            for call in (c for part in runs if part is not None for c in descendants(
                    part, frozenset({"call_expression"}), into_functions=False)):
                operand, name = call_callee(call)
                if name in _STOPS and operand is not None and text(operand) == server:
                    return True
        node = node.parent
    return False


def silent_after_shutdown(send: Node, function: Node, exit: Node) -> bool:
    """``send`` reports only a Serve failure of a server ``function`` shuts down on its way
    out at ``exit``: once it returns there, the goroutine ends without sending."""
    server = sends_only_on_serve_failure(send)
    return server is not None and shuts_down_before(server, function, exit)
