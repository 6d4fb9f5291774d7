"""leakgate: a static analyzer for leaks in Go source, built on tree-sitter."""

__version__ = "0.1.0"
