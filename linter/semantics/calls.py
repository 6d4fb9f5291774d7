"""Calls that end the goroutine or the test: `panic`, `os.Exit`, every logger's `Fatal`,
`t.FailNow`, Ginkgo's `Fail`; and calls that mark a test failed and go on (`t.Error`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from leakgate.semantics.syntax import call_callee, text

if TYPE_CHECKING:
    from leakgate.semantics.model import FileModel

# Package functions that never return.
_NO_RETURN_FUNCS = {
    "os": {"Exit"},
    "log": {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"},
    "runtime": {"Goexit"},
    "syscall": {"Exit"},
    # Ginkgo's Fail panics to abort the running spec (its test has failed).
    "github.com/onsi/ginkgo": {"Fail", "Skip"},
    "github.com/onsi/ginkgo/v2": {"Fail", "Skip", "AbortSuite"},
}
# Methods that never return whatever the receiver: testing.TB's, and every logger's Fatal.
_NO_RETURN_METHODS = {"FailNow", "SkipNow", "Fatal", "Fatalf", "Fatalln"}
# testing.TB methods that never return, but whose names are common elsewhere (Reader.Skip).
_TESTING_ONLY_METHODS = {"Skip", "Skipf"}


def never_returns(file: FileModel, call: Node) -> bool:
    """Whether ``call`` never returns to its caller."""
    operand, name = call_callee(call)
    if operand is None:
        function = call.child_by_field_name("function")
        if function is None or file.resolve(function) is not None:
            return False
        # `panic`, or a function of a dot-imported package (`. "github.com/onsi/ginkgo"`).
        return name == "panic" or any(name in _NO_RETURN_FUNCS.get(path, ())
                                      for path in file.imports.dot)
    qualified = file.package_call(call)
    if qualified is not None:
        # Every logging package's Fatal exits (log, logrus, klog, glog ...).
        return qualified[1] in _NO_RETURN_FUNCS.get(qualified[0], ()) or \
            qualified[1] in _NO_RETURN_METHODS - {"FailNow", "SkipNow"}
    if name in _NO_RETURN_METHODS:
        return True
    if name in _TESTING_ONLY_METHODS:
        return _is_testing_value(file, operand)
    return False


def _is_testing_value(file: FileModel, node: Node) -> bool:
    if node.type == "identifier":
        definition = file.resolve(node)
        type_node = definition.type_node() if definition is not None else None
        return type_node is not None and "testing." in text(type_node)
    return text(node).startswith("new(testing.")
