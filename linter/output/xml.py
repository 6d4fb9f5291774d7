"""XML formats CI systems read without a SARIF consumer: Checkstyle (Jenkins warnings-ng,
reviewdog, GitLab through converters) and JUnit (a test report: one failing test case per
finding, grouped by file). Everything is escaped by the XML writer: the messages quote
contractor code."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from leakgate.findings import Finding
from leakgate.output import Report

_CHECKSTYLE_SEVERITY = {"error": "error", "warning": "warning", "note": "info"}


def _shown(report: Report) -> list[Finding]:
    return [f for f in report.findings if not f.suppressed_reason]


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


def checkstyle(report: Report) -> str:
    root = ET.Element("checkstyle", version="4.3")
    files: dict[str, ET.Element] = {}
    for finding in _shown(report):
        path = finding.location.path
        if path not in files:
            files[path] = ET.SubElement(root, "file", name=path)
        ET.SubElement(files[path], "error", line=str(finding.location.line),
                      column=str(finding.location.column),
                      severity=_CHECKSTYLE_SEVERITY[finding.level.label],
                      message=finding.message, source=f"leakgate.{finding.rule_id}")
    return _document(root)


def junit(report: Report) -> str:
    names = {rule.id: rule.name for rule in report.rules}
    shown = _shown(report)
    root = ET.Element("testsuites", name="leakgate", tests=str(len(shown)),
                      failures=str(len(shown)))
    suites: dict[str, ET.Element] = {}
    for finding in shown:
        path = finding.location.path
        suite = suites.get(path)
        if suite is None:
            suite = suites[path] = ET.SubElement(root, "testsuite", name=path, tests="0",
                                                 failures="0")
        count = str(int(suite.get("tests", "0")) + 1)
        suite.set("tests", count)
        suite.set("failures", count)
        place = f"{path}:{finding.location.line}:{finding.location.column}"
        case = ET.SubElement(suite, "testcase", classname=path,
                             name=f"{finding.rule_id} {names.get(finding.rule_id, '')} at "
                                  f"{place}".replace("  ", " "))
        failure = ET.SubElement(case, "failure", message=finding.message,
                                type=finding.level.label)
        failure.text = f"{place}: {finding.message} ({finding.rule_id})"
    return _document(root)
