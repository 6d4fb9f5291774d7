"""`[tool.leakgate]` in pyproject.toml or `.leakgate.toml`, nearest to the scanned root."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from leakgate.discover import parse_go_version
from leakgate.findings import Level

FAIL_ON = ("error", "warning", "note", "never")
_KEYS = {"select", "ignore", "exclude", "go", "fail-on", "rules", "per-path-ignores",
         "include-generated", "include-vendor", "include-testdata"}
_RULE_KEYS = {"level"}


class ConfigError(Exception):
    """A configuration file is unreadable or has a bad key or value."""


@dataclass
class Config:
    path: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    go: tuple[int, int] | None = None
    fail_on: str | None = None
    levels: dict[str, Level] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    include_generated: bool = False
    include_vendor: bool = False
    include_testdata: bool = False


def find_config(start: str) -> str | None:
    current = os.path.abspath(start)
    if os.path.isfile(current):
        current = os.path.dirname(current)
    while True:
        for name in (".leakgate.toml", "pyproject.toml"):
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate):
                if name == ".leakgate.toml" or _has_tool_table(candidate):
                    return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _has_tool_table(path: str) -> bool:
    """A broken pyproject.toml that mentions our table is ours: load_config then says what is
    wrong instead of the run silently going on with the defaults."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    try:
        tool = tomllib.loads(data.decode("utf-8")).get("tool", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return b"tool.leakgate" in data
    return isinstance(tool, dict) and "leakgate" in tool


def load_config(path: str) -> Config:
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    tool = document.get("tool", {})
    if os.path.basename(path) == "pyproject.toml":
        table = tool.get("leakgate", {}) if isinstance(tool, dict) else {}
    else:
        table = tool.get("leakgate", document) if isinstance(tool, dict) else document
    if not isinstance(table, dict):  # `[tool] leakgate = 3` must not become an internal error
        raise ConfigError(f"{path}: tool.leakgate must be a table")
    return _parse(path, table)


def _strings(path: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return list(value)


def _bool(path: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: {key} must be true or false")
    return value


def _parse(path: str, table: dict[str, Any]) -> Config:
    config = Config(path=path)
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} (allowed: {', '.join(sorted(_KEYS))})")
        if key == "select":
            config.select = _strings(path, key, value)
        elif key == "ignore":
            config.ignore = _strings(path, key, value)
        elif key == "exclude":
            config.exclude = _strings(path, key, value)
        elif key == "go":
            try:
                config.go = parse_go_version(str(value))
            except ValueError as error:
                raise ConfigError(f"{path}: go: {error}") from None
        elif key == "fail-on":
            if value not in FAIL_ON:
                raise ConfigError(f"{path}: fail-on: {value!r} is not one of {', '.join(FAIL_ON)}")
            config.fail_on = value
        elif key == "rules":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: rules must be a table of rule IDs")
            for rule_id, options in value.items():
                if not isinstance(options, dict):
                    raise ConfigError(f"{path}: rules.{rule_id} must be a table")
                for option, setting in options.items():
                    if option not in _RULE_KEYS:
                        raise ConfigError(f"{path}: rules.{rule_id}: unknown key {option!r} "
                                          f"(allowed: {', '.join(sorted(_RULE_KEYS))})")
                    try:
                        config.levels[rule_id.upper()] = Level.parse(str(setting))
                    except ValueError as error:
                        raise ConfigError(f"{path}: rules.{rule_id}.level: {error}") from None
        elif key == "per-path-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: per-path-ignores must be a table of glob = [rules]")
            config.per_path_ignores = {glob: _strings(path, f"per-path-ignores.{glob}", rules)
                                       for glob, rules in value.items()}
        else:
            setattr(config, key.replace("-", "_"), _bool(path, key, value))
    return config
