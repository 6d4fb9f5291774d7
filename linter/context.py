"""What a rule sees of one file: the file's semantic model, the target Go version, and
``report``. Everything a rule asks about the code lives in ``leakgate.semantics``; this class
adds only what belongs to a run (the rule being run, its findings, the version assumed)."""

from __future__ import annotations

from tree_sitter import Node

from leakgate.findings import Finding, Fix, Level, Location, Related, Rule
from leakgate.goversion import Feature
from leakgate.semantics.effects import never_called, never_run_example
from leakgate.semantics.model import FileModel
from leakgate.source import SourceFile


class FileContext(FileModel):
    def __init__(self, source: SourceFile, go_version: tuple[int, int] | None = None) -> None:
        super().__init__(source)
        self.go_version = go_version
        self.findings: list[Finding] = []
        self.rule: Rule | None = None
        self.assumed: set[str] = set()  # features taken as absent for an unknown version
        self._reported: set[tuple[str, Location, str]] = set()
        self._unrun: dict[int, bool] = {}  # by function start: an Example go test never runs

    def has(self, feature: Feature) -> bool:
        """Whether the target Go version has ``feature``; an unknown version does not, and
        the run then says once that it assumed so (see ``assumed``)."""
        holds = feature.holds(self.go_version)
        if holds is None:
            self.assumed.add(feature.name)
        return bool(holds)

    # --- reporting ------------------------------------------------------------------------------
    def _location(self, node: Node, at_end: bool) -> Location:
        if at_end:
            start_row, start_col = node.end_point[0], max(node.end_point[1] - 1, 0)
            end_row, end_col = node.end_point
        else:
            (start_row, start_col), (end_row, end_col) = node.start_point, node.end_point
        return Location(self.path, start_row + 1, start_col + 1, end_row + 1, end_col + 1)

    def report(self, node: Node, message: str, *, rule: Rule | None = None,
               level: Level | None = None, fix: Fix | None = None,
               at_end: bool = False,
               related: list[tuple[Node, str, bool]] | None = None) -> None:
        """Report ``message`` at ``node`` (or at its last character with ``at_end``);
        ``related`` places belong to the same finding: (node, message, at_end)."""
        rule = rule or self.rule
        assert rule is not None, "report() outside a rule"
        location = self._location(node, at_end)
        start_row = location.line - 1
        function = self.outermost_function(node)
        if function is not None and function.type == "func_literal":
            function = None
        key = (rule.id, location, message)
        if key in self._reported:
            return  # one defect reached twice (a response seen as a call and a helper's)
        if function is not None:
            unrun = self._unrun.get(function.start_byte)
            if unrun is None:
                unrun = self._unrun[function.start_byte] = \
                    never_run_example(self, function) or never_called(self, function)
            if unrun:
                return  # `go test` compiles it and never runs it, or nothing calls it
        self._reported.add(key)
        self.findings.append(Finding(
            rule_id=rule.id, message=message, location=location, level=level or rule.level,
            function=self.function_name(function), fix=fix,
            line_text=self.source.line_text(start_row + 1),
            related=tuple(Related(self._location(place, end), text_of)
                          for place, text_of, end in related or ())))
