"""Integer constant folding: the value a constant expression has when the syntax gives it.

One folder serves every question of the kind: a package constant (`const size = 4 << 10`, the
package view's index) and a timer's duration (`100 * time.Millisecond`). What a name stands
for is the caller's to say (a package constant, a `time` unit); literals, parentheses and the
binary operations are folded here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tree_sitter import Node

from leakgate.semantics.syntax import text, unparen

Operation = Callable[[int, int], int | None]


def _shift(a: int, b: int) -> int | None:
    return a << b if 0 <= b < 64 else None


# The operations folded in a package's integer constants (`4 << 10`, `2 * KiB`).
ARITHMETIC: Mapping[str, Operation] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "<<": _shift,
}


def integer_literal(node: Node) -> int | None:
    """The value of an `int_literal` (`1_000`, `0x1F`, `0o17`); None for one Python does not
    read the same way (`017`)."""
    try:
        return int(text(node).replace("_", ""), 0)
    except ValueError:
        return None


def fold_integer(node: Node, name: Callable[[Node], int | None],
                 operations: Mapping[str, Operation] = ARITHMETIC, depth: int = 0,
                 limit: int | None = None) -> int | None:
    """The integer ``node`` folds to: a literal, what ``name`` says of any other operand (an
    identifier, a selector, a conversion), or a binary expression of ``operations`` whose
    operands fold. Below ``limit`` levels of nesting (``depth`` is the current one) only
    literals count. None when some part is not a known constant."""
    node = unparen(node)
    if node.type == "int_literal":
        return integer_literal(node)
    if limit is not None and depth >= limit:
        return None
    if node.type != "binary_expression":
        return name(node)
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    operator = node.child_by_field_name("operator")
    operation = operations.get(operator.type) if operator is not None else None
    if left is None or right is None or operation is None:
        return None
    a = fold_integer(left, name, operations, depth + 1, limit)
    b = fold_integer(right, name, operations, depth + 1, limit)
    return operation(a, b) if a is not None and b is not None else None
