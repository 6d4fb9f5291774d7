"""A control-flow graph per function body, the analogue of golang.org/x/tools/go/cfg.

Blocks hold the statements and header expressions (conditions, range clauses, case values,
select communications) in execution order; compound statements are never items themselves, so
"does this block use X" looks only at what that block evaluates. A block that ends the function
records the return statement, or the body node for falling off the closing brace. Calls that
never return (panic, os.Exit, log.Fatal, t.FailNow ...) end their block with no successor.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from tree_sitter import Node

from leakgate.semantics.syntax import holding, node_key, statements_of, text

# Statement nesting deeper than this is not analysed (the builder recurses on statements).
MAX_NESTING = 200

_CLAUSES = frozenset({"expression_case", "default_case", "type_case", "communication_case"})


# (condition, whether it holds) -> True when no path of interest takes that branch.
Branch = Callable[[Node, bool], bool]
# What counts as a use on a path: a test of an item, or the byte positions of the uses (an
# item holding any of them uses the value).
Uses = Callable[[Node], bool] | Collection[int]


def _test(uses: Uses) -> Callable[[Node], bool]:
    return holding(uses) if isinstance(uses, Collection) else uses


def _later_specs(item: Node, start: Node) -> list[Node]:
    """The specs of a `var (...)` block after the one ``start`` is in: they run after it, in
    the same statement (`var (ctx, cancel = ...; s = &S{stop: cancel})`)."""
    if item.type != "var_declaration" or item == start:
        return []
    specs = [c for c in item.named_children if c.type == "var_spec_list"]
    return [spec for spec in (specs[0].named_children if specs else [])
            if spec.start_byte >= start.end_byte]


def returns_next(statement: Node, passing: Callable[[Node], bool] | None = None) -> bool:
    """Whether the function returns right after ``statement``: the next statement is a
    `return`, or the statement ends its block and the statement holding that block (an `if`,
    a `case`) is followed by one, or by the function's end. Statements ``passing`` says
    change nothing the caller would re-check (an `Unlock()`) are stepped over."""
    current = statement
    while current is not None:
        following = current.next_named_sibling
        while following is not None and (following.type == "comment" or (
                passing is not None and passing(following))):
            following = following.next_named_sibling
        if following is not None:
            return following.type == "return_statement"
        holder = current.parent
        while holder is not None and holder.type in ("statement_list", "block",
                                                     "expression_case", "default_case",
                                                     "type_case", "communication_case"):
            if holder.parent is not None and holder.parent.type in (
                    "function_declaration", "method_declaration", "func_literal"):
                return True
            holder = holder.parent
        if holder is None or holder.type not in ("if_statement", "expression_switch_statement",
                                                 "type_switch_statement", "select_statement"):
            return False
        while holder.parent is not None and holder.parent.type == "if_statement":
            holder = holder.parent  # an else branch: its if
        current = holder
    return False


def or_naked_return(uses: Uses) -> Callable[[Node], bool]:
    """``uses``, or a naked `return`: for a named result, the return hands the value to the
    caller, which is a use."""
    test = _test(uses)

    def used(item: Node) -> bool:
        return (item.type == "return_statement" and item.named_child_count == 0) or test(item)

    return used


class TooComplex(Exception):
    """The function nests statements deeper than the builder analyses."""


@dataclass(eq=False)
class Block:
    index: int
    kind: str
    items: list[Node] = field(default_factory=list)
    succs: list[Block] = field(default_factory=list)
    returns: Node | None = None  # return_statement, or the body block for an implicit return
    no_return: Node | None = None  # the panic/os.Exit/Fatal call that ends this block
    # An `if` (or loop) head: its condition; succs[0] is taken when it holds, succs[1] when not.
    condition: Node | None = None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Block({self.index}, {self.kind}, items={len(self.items)}, " \
               f"succs={[s.index for s in self.succs]})"


@dataclass
class _Target:
    label: str | None
    brk: Block
    cont: Block | None


class CFG:
    def __init__(self, function: Node, never_returns: Callable[[Node], bool],
                 endless_range: Callable[[Node], bool] | None = None) -> None:
        self.function = function
        self.blocks: list[Block] = []
        self._never_returns = never_returns
        # A range clause whose channel is never closed (a ticker's): the loop ends only by a
        # break or a return, as `for {}` does.
        self._endless_range = endless_range
        self._reachable: set[int] | None = None
        self._targets: list[_Target] = []
        self._labels: dict[str, Block] = {}
        self._fallthrough: list[Block | None] = []
        self._depth = 0
        self._item_at: dict[tuple[int, int, int], tuple[Block, int]] = {}
        self.entry = self._new("entry")
        self._current = self.entry
        body = function.child_by_field_name("body")
        self.body = body
        if body is not None:
            self._statement(body)
            if self._current.returns is None:
                self._current.returns = body
        for block in self.blocks:
            for index, item in enumerate(block.items):
                self._item_at[node_key(item)] = (block, index)

    # --- construction ---------------------------------------------------------------------
    def _new(self, kind: str) -> Block:
        block = Block(len(self.blocks), kind)
        self.blocks.append(block)
        return block

    def _add(self, node: Node | None) -> None:
        if node is not None:
            self._current.items.append(node)

    def _jump(self, target: Block | None) -> None:
        if target is not None:
            self._current.succs.append(target)
        self._current = self._new("unreachable")

    def _label_block(self, name: str) -> Block:
        if name not in self._labels:
            self._labels[name] = self._new(f"label.{name}")
        return self._labels[name]

    def _find_target(self, label: str | None, want_continue: bool) -> _Target | None:
        for target in reversed(self._targets):
            if want_continue and target.cont is None:
                continue
            if label is None or target.label == label:
                return target
        return None

    def _statements(self, nodes: Iterable[Node]) -> None:
        for node in nodes:
            if node.is_named and node.type != "comment":
                self._statement(node)

    def _statement(self, node: Node, label: str | None = None) -> None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise TooComplex(f"statements nest deeper than {MAX_NESTING} levels")
        try:
            self._dispatch(node, label)
        finally:
            self._depth -= 1

    def _dispatch(self, node: Node, label: str | None) -> None:
        kind = node.type
        if kind in ("block", "statement_list"):
            self._statements(node.children)
        elif kind in ("empty_statement", "comment"):
            pass
        elif kind == "labeled_statement":
            name_node = node.child_by_field_name("label")
            name = text(name_node) if name_node is not None else ""
            target = self._label_block(name)
            self._current.succs.append(target)
            self._current = target
            inner = [c for c in node.named_children if c.type not in ("label_name", "comment")]
            for child in inner:
                self._statement(child, label=name)
        elif kind == "return_statement":
            self._add(node)
            self._current.returns = node
            self._current = self._new("unreachable")
        elif kind == "goto_statement":
            label_name = _label_name(node)
            self._jump(self._label_block(label_name) if label_name else None)
        elif kind == "break_statement":
            found = self._find_target(_label_name(node), want_continue=False)
            self._jump(found.brk if found else None)
        elif kind == "continue_statement":
            found = self._find_target(_label_name(node), want_continue=True)
            self._jump(found.cont if found else None)
        elif kind == "fallthrough_statement":
            self._jump(self._fallthrough[-1] if self._fallthrough else None)
        elif kind == "if_statement":
            self._if(node)
        elif kind == "for_statement":
            self._for(node, label)
        elif kind in ("expression_switch_statement", "type_switch_statement"):
            self._switch(node, label)
        elif kind == "select_statement":
            self._select(node, label)
        elif kind == "expression_statement":
            self._add(node)
            expression = node.named_children[0] if node.named_child_count else None
            if expression is not None and expression.type == "call_expression" \
                    and self._never_returns(expression):
                self._current.no_return = expression
                self._current = self._new("unreachable")
        else:
            # Simple statements: assignments, declarations, go, defer, send, inc/dec, ERROR.
            self._add(node)

    def _if(self, node: Node) -> None:
        init = node.child_by_field_name("initializer")
        if init is not None:
            self._statement(init)
        condition = node.child_by_field_name("condition")
        self._add(condition)
        head = self._current
        if head.condition is not None or head.succs:  # one condition per head block
            head = self._new("if.head")
            self._current.succs.append(head)
            self._current = head
        head.condition = condition
        done = self._new("if.done")
        then = self._new("if.then")
        head.succs.append(then)
        self._current = then
        consequence = node.child_by_field_name("consequence")
        if consequence is not None:
            self._statement(consequence)
        self._current.succs.append(done)
        alternative = node.child_by_field_name("alternative")
        if alternative is not None:
            other = self._new("if.else")
            head.succs.append(other)
            self._current = other
            self._statement(alternative)
            self._current.succs.append(done)
        else:
            head.succs.append(done)
        self._current = done

    def _for(self, node: Node, label: str | None) -> None:
        body = node.child_by_field_name("body")
        header_items: list[Node] = []
        update: Node | None = None
        bounded = False
        for child in node.named_children:
            if child == body or child.type == "comment":
                continue
            if child.type == "for_clause":
                init = child.child_by_field_name("initializer")
                if init is not None:
                    self._statement(init)
                condition = child.child_by_field_name("condition")
                if condition is not None:
                    header_items.append(condition)
                    bounded = True
                update = child.child_by_field_name("update")
            elif child.type == "range_clause":
                header_items.append(child)
                bounded = self._endless_range is None or not self._endless_range(child)
            else:  # `for cond {}`
                header_items.append(child)
                bounded = True
        head = self._new("for.head")
        self._current.succs.append(head)
        head.items.extend(header_items)
        if bounded and header_items and header_items[-1].type != "range_clause":
            head.condition = header_items[-1]  # the body runs while it holds, as an if's
        loop_body = self._new("for.body")
        done = self._new("for.done")
        post = self._new("for.post") if update is not None else head
        head.succs.append(loop_body)
        if bounded:
            head.succs.append(done)
        self._targets.append(_Target(label, done, post))
        self._current = loop_body
        if body is not None:
            self._statement(body)
        self._current.succs.append(post)
        if update is not None:
            self._current = post
            self._statement(update)
            self._current.succs.append(head)
        self._targets.pop()
        self._current = done

    def _clauses(self, node: Node) -> list[Node]:
        clauses = [c for c in node.named_children if c.type in _CLAUSES]
        if not clauses:  # some grammar versions wrap clauses in a body node
            for child in node.named_children:
                clauses.extend(c for c in child.named_children if c.type in _CLAUSES)
        return clauses

    def _switch(self, node: Node, label: str | None) -> None:
        init = node.child_by_field_name("initializer")
        if init is not None:
            self._statement(init)
        self._add(node.child_by_field_name("value"))
        clauses = self._clauses(node)
        for clause in clauses:
            for value in clause.children_by_field_name("value"):
                self._add(value)
        head = self._current
        done = self._new("switch.done")
        bodies = [self._new("switch.case") for _ in clauses]
        head.succs.extend(bodies)
        if not any(c.type == "default_case" for c in clauses):
            head.succs.append(done)
        self._targets.append(_Target(label, done, None))
        for index, (clause, block) in enumerate(zip(clauses, bodies, strict=True)):
            self._fallthrough.append(bodies[index + 1] if index + 1 < len(bodies) else done)
            self._current = block
            self._statements(statements_of(clause))
            self._current.succs.append(done)
            self._fallthrough.pop()
        self._targets.pop()
        self._current = done

    def _select(self, node: Node, label: str | None) -> None:
        clauses = self._clauses(node)
        head = self._current
        done = self._new("select.done")
        self._targets.append(_Target(label, done, None))
        for clause in clauses:
            block = self._new("select.case")
            head.succs.append(block)
            self._current = block
            self._add(clause.child_by_field_name("communication"))
            self._statements(statements_of(clause))
            self._current.succs.append(done)
        self._targets.pop()
        # A select without default blocks until a case runs; `select {}` blocks forever.
        self._current = done

    # --- queries --------------------------------------------------------------------------
    def locate(self, node: Node) -> tuple[Block, int] | None:
        """The block and index of the item that contains ``node``."""
        current: Node | None = node
        while current is not None:
            found = self._item_at.get(node_key(current))
            if found is not None:
                return found
            if current == self.function:
                return None
            current = current.parent
        return None

    def exit_avoiding(self, start: Node, uses: Uses,
                      impossible: Branch | None = None) -> Node | None:
        """A return reachable from just after ``start`` on a path where no item satisfies
        ``uses`` (the return statement itself included); None when every path to a return
        passes a use. Paths that end in panic, os.Exit or an endless loop are not returns.
        ``impossible(condition, taken)`` prunes the branches a path cannot take (`err != nil`
        holding, for a value that exists only when the error is nil).

        Depth-first in successor order, so the answer is deterministic.
        """
        uses = _test(uses)
        located = self.locate(start)
        if located is None:
            return None
        block, index = located
        if any(uses(item) for item in block.items[index + 1:]) or \
                any(uses(spec) for spec in _later_specs(block.items[index], start)):
            return None
        if block.returns is not None:
            return block.returns
        return self._first_return(_follow(block, impossible), uses, impossible)

    def exit_from_entry_avoiding(self, uses: Uses) -> Node | None:
        """A return reachable from the entry on a path where no item satisfies ``uses``
        (the function's end counts): does the whole function do it on every path?"""
        return self._first_return([self.entry], _test(uses))

    def _first_return(self, starts: list[Block], uses: Callable[[Node], bool],
                      impossible: Branch | None = None) -> Node | None:
        """Depth-first from ``starts``, not entering past an item that satisfies ``uses``: the
        first return reached, or None."""
        seen: set[int] = set()
        stack = list(reversed(starts))
        while stack:
            current = stack.pop()
            if current.index in seen:
                continue
            seen.add(current.index)
            if any(uses(item) for item in current.items):
                continue
            if current.returns is not None:
                return current.returns
            stack.extend(reversed(_follow(current, impossible)))
        return None

    def reaches_avoiding(self, start: Node, target: Node, uses: Uses,
                         impossible: Branch | None = None) -> bool:
        """Whether some path from just after ``start`` reaches the item holding ``target``
        without first passing an item for which ``uses`` holds ("is the channel closed on
        every path from its make to this range?"). True when either cannot be located."""
        uses = _test(uses)
        located = self.locate(start)
        if located is None or self.locate(target) is None:
            return True

        def holds_target(item: Node) -> bool:
            return item.start_byte <= target.start_byte and target.end_byte <= item.end_byte

        block, index = located
        for item in block.items[index + 1:]:
            if holds_target(item):
                return True
            if uses(item):
                return False
        seen: set[int] = set()
        stack = list(reversed(_follow(block, impossible)))
        while stack:
            current = stack.pop()
            if current.index in seen:
                continue
            seen.add(current.index)
            stopped = False
            for item in current.items:
                if holds_target(item):
                    return True
                if uses(item):
                    stopped = True
                    break
            if not stopped:
                stack.extend(reversed(_follow(current, impossible)))
        return False

    def reachable(self) -> list[Block]:
        """Blocks reachable from the entry, in depth-first order."""
        seen: set[int] = set()
        order: list[Block] = []
        stack = [self.entry]
        while stack:
            current = stack.pop()
            if current.index in seen:
                continue
            seen.add(current.index)
            order.append(current)
            stack.extend(reversed(current.succs))
        return order

    def most_on_a_path(self, counts: Uses) -> int:
        """The largest number of items satisfying ``counts`` on one path from the entry,
        each loop taken at most once (back edges ignored). For "how many sends can one run
        of this goroutine make" when the sends sit on exclusive branches."""
        counts = _test(counts)
        best: dict[int, int] = {}
        state: dict[int, int] = {}  # 1 on the DFS stack, 2 done
        stack: list[tuple[Block, int]] = [(self.entry, 0)]
        state[self.entry.index] = 1
        while stack:
            block, next_succ = stack[-1]
            if next_succ < len(block.succs):
                stack[-1] = (block, next_succ + 1)
                succ = block.succs[next_succ]
                if succ.index not in state:
                    state[succ.index] = 1
                    stack.append((succ, 0))
                continue
            stack.pop()
            state[block.index] = 2
            own = sum(1 for item in block.items if counts(item))
            after = max((best[s.index] for s in block.succs if state.get(s.index) == 2
                         and s.index in best), default=0)
            best[block.index] = own + after
        return best.get(self.entry.index, 0)

    def runs(self, node: Node) -> bool:
        """Whether the item holding ``node`` is reachable from the entry: False after an
        unconditional `t.Skip()`, `panic` or `return`, True when it cannot be located."""
        located = self.locate(node)
        if located is None:
            return True
        if self._reachable is None:
            self._reachable = {block.index for block in self.reachable()}
        return located[0].index in self._reachable

    def can_return(self) -> bool:
        """Whether any path from the entry reaches a return."""
        return any(block.returns is not None for block in self.reachable())

    def exits(self) -> list[Node]:
        """How the function can end: reachable returns (or the closing brace) and calls that
        never return (panic, os.Exit, log.Fatal, runtime.Goexit ...). Empty for a function
        that runs forever."""
        found: list[Node] = []
        for block in self.reachable():
            if block.returns is not None:
                found.append(block.returns)
            if block.no_return is not None:
                found.append(block.no_return)
        return found

    def entry_exit_avoiding(self, uses: Uses) -> Node | None:
        """A return reachable from the function's entry without passing an item for which
        ``uses`` holds; None when every path to a return passes one."""
        return self._first_return([self.entry], _test(uses))


def describe_exit(leak: Node) -> str:
    """How a message names an exit found by ``exit_avoiding``."""
    if leak.type == "return_statement":
        return f"the return at line {leak.start_point[0] + 1}"
    return f"the end of the function (line {leak.end_point[0] + 1})"


def _follow(block: Block, impossible: Branch | None) -> list[Block]:
    """The successors a path may take from ``block``."""
    if impossible is None or block.condition is None or len(block.succs) != 2:
        return block.succs
    return [succ for taken, succ in zip((True, False), block.succs, strict=True)
            if not impossible(block.condition, taken)]


def _label_name(node: Node) -> str | None:
    for child in node.named_children:
        if child.type == "label_name":
            return text(child)
    return None
