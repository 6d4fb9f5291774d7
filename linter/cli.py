"""The command line: click commands only, no analysis logic."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

import click

from leakgate import __version__
from leakgate.baseline import BaselineError
from leakgate.baseline import load as load_baseline
from leakgate.config import FAIL_ON, Config, ConfigError, find_config, load_config
from leakgate.discover import (
    Options,
    discover,
    display_path,
    parse_go_version,
    repository_root,
    scan_root,
)
from leakgate.docs import rule_page
from leakgate.engine import Settings, directory_view, run
from leakgate.findings import Level, Notification
from leakgate.output import FORMATS, Report, render
from leakgate.output.text import notification_lines, summary_line
from leakgate.registry import RegistryError, all_rules, find_rule, matches, select_rules

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leakgate")
def cli() -> None:
    """Find goroutine, channel, HTTP, timer, context and observability leaks in Go source."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format; repeat with --output to write several.")
@click.option("--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="File for the format at the same position (default: stdout).")
@click.option("--select", "select", multiple=True, help="Rules to run: IDs, names, prefixes.")
@click.option("--ignore", "ignore", multiple=True, help="Rules to skip: IDs, names, prefixes.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (default: nearest .leakgate.toml or pyproject.toml).")
@click.option("--go", "go_version", help="Target Go version (overrides go.mod), e.g. 1.22.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of CPUs).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("--include-generated", is_flag=True, default=None, help="Analyse generated files.")
@click.option("--include-vendor", is_flag=True, default=None, help="Analyse vendor/.")
@click.option("--include-testdata", is_flag=True, default=None, help="Analyse testdata/.")
@click.option("--include-suppressed", is_flag=True, help="Keep suppressed findings, marked.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest level that makes the exit code 1 (default: note).")
@click.option("--allow-unanalysed", is_flag=True,
              help="Exit 0/1 even when some files could not be analysed (default: exit 3).")
@click.option("--no-gitignore", "no_gitignore", is_flag=True,
              help="Also lint files the repository's .gitignore files ignore.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Accepted findings (from `leakgate baseline create`): reported as "
                   "baselined, never failing the run.")
@click.option("--new-from-rev", "new_from_rev", metavar="REV",
              help="Report only findings that are not in git revision REV (as a baseline "
                   "made from REV's files).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]),
              default="auto", help="Colour text output: auto (a terminal, unless NO_COLOR "
                                   "is set), always or never.")
@click.option("--root", "root_option", type=click.Path(file_okay=False),
              help="Directory SARIF paths and fingerprints are relative to (default: the "
                   "git repository around the scanned paths, else the scanned directory).")
@click.option("--category", default="default", help="SARIF automationDetails category.")
@click.option("--quiet", "-q", is_flag=True,
              help="Hide warnings about files on stderr (files not analysed are still named).")
def check(paths: tuple[str, ...], formats: tuple[str, ...], outputs: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None,
          go_version: str | None, jobs: int | None, exclude: tuple[str, ...],
          include_generated: bool | None, include_vendor: bool | None,
          include_testdata: bool | None, include_suppressed: bool, fail_on: str | None,
          allow_unanalysed: bool, category: str, quiet: bool, root_option: str | None,
          color: str, baseline_path: str | None, new_from_rev: str | None,
          no_gitignore: bool) -> int:
    """Lint Go files and directories (default: the current directory; `./...` accepted)."""
    if len(outputs) > max(len(formats), 1):
        raise click.UsageError("more --output files than --format options")
    if len(formats) - len(outputs) > 1:
        raise click.UsageError(
            f"formats {', '.join(formats[len(outputs):])} would all be written to standard "
            f"output: give each but one an --output FILE")
    started = time.monotonic()
    cwd = os.getcwd()
    targets = list(paths) or ["."]
    config = _config(config_path, scan_root([p.rstrip(".") or "." if p.endswith("...") else p
                                             for p in targets], cwd))
    go_override = config.go
    if go_version is not None:
        try:
            go_override = parse_go_version(go_version)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--go") from None
    _check_config_selectors(config)
    try:
        rules = select_rules(all_rules(), _split(select) or config.select,
                             [*config.ignore, *_split(ignore)])
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--select/--ignore") from None
    for rule_id in config.levels:
        if find_rule(rule_id) is None:
            raise ConfigError(f"{config.path}: rules.{rule_id}: no such rule")
    config_dir = os.path.dirname(os.path.abspath(config.path)) if config.path else None
    options = Options(
        include_vendor=_pick(include_vendor, config.include_vendor),
        include_testdata=_pick(include_testdata, config.include_testdata),
        exclude=list(exclude), config_exclude=config.exclude, config_dir=config_dir,
        use_gitignore=not no_gitignore)
    found = discover(targets, options, cwd)
    if not found.files and not found.excluded:
        why = "; ".join(f"{n.path}: {n.message}" for n in found.notifications) or \
            ("vendor/, testdata/ and directories starting with . or _ are skipped; see "
             "--include-vendor and --include-testdata")
        raise click.UsageError(f"no Go files found in {' '.join(targets)} ({why})")
    settings = Settings(
        rule_ids=tuple(rule.id for rule in rules),
        include_generated=_pick(include_generated, config.include_generated),
        levels=config.levels, go_override=go_override,
        per_path_ignores=config.per_path_ignores, config_dir=config_dir)
    root = os.path.abspath(root_option) if root_option else \
        repository_root(found.root) or found.root
    result = run(found.files, settings, jobs or os.cpu_count() or 1, root)
    accepted = load_baseline(baseline_path).fingerprints if baseline_path is not None \
        else frozenset()
    if new_from_rev is not None:
        accepted |= _findings_at_revision(new_from_rev, targets, cwd, root, options, settings)
    for finding in result.findings:
        finding.baselined = finding.fingerprint in accepted
    notifications = sorted([*found.notifications, *result.notifications],
                           key=Notification.sort_key)
    shown = [f for f in result.findings if include_suppressed or not f.suppressed_reason]
    report = Report(findings=shown, notifications=notifications, rules=rules, root=root,
                    working_directory=cwd, files_analyzed=result.files_analyzed,
                    lines_analyzed=result.lines_analyzed,
                    suppressed_count=result.suppressed_count,
                    suppressed=[f for f in result.findings if f.suppressed_reason],
                    extra={"category": category, "color": _colour(color), "paths": targets,
                           "files": {f.display: f.absolute for f in found.files},
                           "baseline": baseline_path is not None or new_from_rev is not None})
    _write(report, list(formats) or ["text"], list(outputs))
    for line in notification_lines(report, quiet):
        click.echo(line, err=True)
    if "text" in (list(formats) or ["text"]) and not quiet:
        click.echo(summary_line(report, time.monotonic() - started), err=True)
    return _exit_code(report, fail_on or config.fail_on or "note", allow_unanalysed)


def _findings_at_revision(revision: str, targets: list[str], cwd: str, root: str,
                          options: Options, settings: Settings) -> frozenset[str]:
    """The fingerprints of the same paths linted as they were at git ``revision``: the files
    are exported (`git archive`) into a temporary directory that stands in for the
    repository root, so paths and fingerprints line up with the current run's."""
    import io
    import subprocess
    import tarfile
    import tempfile

    repository = repository_root(root) or root
    with tempfile.TemporaryDirectory(prefix="leakgate-rev-") as old_root:
        archive = subprocess.run(["git", "-C", repository, "archive", "--format=tar", revision],
                                 capture_output=True, timeout=600)
        if archive.returncode != 0:
            message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
            raise click.BadParameter(f"git archive {revision} failed: "
                                     f"{message[-1] if message else 'not a git repository?'}",
                                     param_hint="--new-from-rev")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            try:
                tar.extractall(old_root, filter="data")
            except TypeError:  # Python without extraction filters: git archive is trusted
                tar.extractall(old_root)  # noqa: S202
        old_targets = []
        for target in targets:
            absolute = os.path.abspath(os.path.join(cwd, target.rstrip(".") or "."
                                                    if target.endswith("...") else target))
            relative = os.path.relpath(absolute, repository)
            mapped = os.path.normpath(os.path.join(old_root, relative))
            if os.path.exists(mapped):
                old_targets.append(mapped)
        if not old_targets:
            return frozenset()
        found = discover(old_targets, options, cwd)
        offset = os.path.relpath(root, repository)
        old_result = run(found.files, settings, 1, os.path.normpath(os.path.join(old_root,
                                                                                 offset)))
        return frozenset(f.fingerprint for f in old_result.findings)


def _colour(choice: str) -> bool:
    """`--color auto` colours a terminal unless NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _pick(flag: bool | None, configured: bool) -> bool:
    return configured if flag is None else flag


def _check_config_selectors(config: Config) -> None:
    """A bad selector in a file must name that file and key, not a command-line option; an
    unknown rule in per-path-ignores would otherwise silently ignore nothing."""
    keyed = [*(("select", spec) for spec in config.select or []),
             *(("ignore", spec) for spec in config.ignore),
             *((f"per-path-ignores.{glob!r}", spec)
               for glob, specs in config.per_path_ignores.items() for spec in specs)]
    for key, spec in keyed:
        if not any(matches(spec, rule) for rule in all_rules()):
            raise ConfigError(f"{config.path}: {key}: unknown rule selector {spec!r} (use an ID "
                              "such as LG601, a name such as lost-cancel, or a prefix such as LG6)")


def _config(explicit: str | None, root: str) -> Config:
    path = explicit or find_config(root)
    if explicit is not None and not os.path.isfile(explicit):
        raise ConfigError(f"{explicit}: no such configuration file")
    return load_config(path) if path else Config()


def _write(report: Report, formats: list[str], outputs: list[str]) -> None:
    for index, fmt in enumerate(formats):
        _write_text(render(fmt, report), outputs[index] if index < len(outputs) else None,
                    bool(report.extra.get("color")))


def _write_text(text: str, output: str | None, colour: bool = False) -> None:
    """To the file, or to stdout; an unwritable file is a one-line error (exit 2)."""
    if output is None:  # click strips ANSI codes off a pipe unless told the colour was asked for
        click.echo(text, nl=False, color=colour)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise click.FileError(output, error.strerror) from None


def _exit_code(report: Report, fail_on: str, allow_unanalysed: bool) -> int:
    if not allow_unanalysed and any(n.blocks_analysis for n in report.notifications):
        return EXIT_INTERNAL
    if fail_on == "never":
        return EXIT_OK
    threshold = Level.parse(fail_on)
    if any(f.level >= threshold and not f.suppressed_reason and not f.baselined
           for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command()
@click.argument("path", default=".")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json", "sarif"]),
              default="markdown",
              help="The verdict as Markdown (a PR, an e-mail), a self-contained HTML page with "
                   "the findings behind it, or JSON; or the SARIF of those findings.")
@click.option("--output", type=click.Path(dir_okay=False), help="File for the verdict.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Accepted legacy findings (`leakgate baseline create`).")
@click.option("--checklist", "checklist_path", type=click.Path(dir_okay=False),
              help="TOML checklist: per-item thresholds, waivers (with their reason), items "
                   "turned off, custom items from rule selections.")
@click.option("--allow-inconclusive", is_flag=True,
              help="Accept a delivery whose inconclusive items are the only problem.")
def gate(path: str, fmt: str, output: str | None, baseline_path: str | None,
         allow_inconclusive: bool, checklist_path: str | None) -> int:
    """Evaluate the delivery checklist on PATH: exit 0 accepted, 1 rejected."""
    from leakgate.gate import NOT_GATED, Evidence, evaluate, load_checklist, markdown
    from leakgate.semantics.service import service_facts

    checklist = load_checklist(checklist_path) if checklist_path else None

    cwd = os.getcwd()
    found = discover([path], Options(), cwd)
    if not found.files:
        raise click.UsageError(f"no Go files found in {path}")
    rules = [rule for rule in all_rules() if rule.id not in NOT_GATED]
    root = repository_root(found.root) or found.root
    result = run(found.files, Settings(rule_ids=tuple(r.id for r in rules)),
                 os.cpu_count() or 1, root)
    if baseline_path is not None:
        accepted = load_baseline(baseline_path)
        for finding in result.findings:
            finding.baselined = accepted.holds(finding)
    services = []
    for directory in sorted({os.path.dirname(f.absolute) for f in found.files}):
        facts = service_facts(directory_view(directory, cwd=cwd), display_path(directory, cwd))
        if facts is not None:
            services.append(facts)
    evidence = Evidence(result.findings, [*found.notifications, *result.notifications],
                        services)
    verdict = evaluate(evidence, allow_inconclusive, checklist)
    report = Report(findings=result.findings,
                    notifications=sorted(evidence.notifications, key=Notification.sort_key),
                    rules=rules, root=root, working_directory=cwd,
                    files_analyzed=result.files_analyzed, lines_analyzed=result.lines_analyzed,
                    suppressed_count=result.suppressed_count,
                    suppressed=[f for f in result.findings if f.suppressed_reason],
                    extra={"category": "leakgate-gate", "baseline": baseline_path is not None,
                           "files": {f.display: f.absolute for f in found.files}})
    if fmt == "sarif":
        text = render("sarif", report)
    elif fmt == "html":
        from leakgate.output.html import render_gate
        text = render_gate(verdict, report, path)
    else:
        text = markdown(verdict, path) if fmt == "markdown" else verdict.to_json()
    _write_text(text, output)
    return EXIT_OK if verdict.accepted else EXIT_FINDINGS


@cli.group()
def baseline() -> None:
    """Accept today's findings, so that only new ones fail a run."""


@baseline.command("create")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Rules to run: IDs, names, prefixes.")
@click.option("--ignore", multiple=True, help="Rules to skip: IDs, names, prefixes.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (default: nearest .leakgate.toml or pyproject.toml).")
@click.option("--go", "go_version", help="Target Go version (overrides go.mod).")
@click.option("--root", "root_option", type=click.Path(file_okay=False),
              help="Directory paths and fingerprints are relative to (default: the git "
                   "repository).")
@click.pass_context
def baseline_create(ctx: click.Context, file: str, paths: tuple[str, ...],
                    select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None,
                    go_version: str | None, root_option: str | None) -> int:
    """Write the current findings of PATHS to FILE as accepted (`check --baseline FILE`,
    `gate --baseline FILE`): every rule's, opt-in ones too (the gate runs them), unless
    --select names some."""
    code = ctx.invoke(check, paths=paths, formats=("baseline",), outputs=(file,),
                      select=select or ("LG",), ignore=ignore, config_path=config_path,
                      go_version=go_version, root_option=root_option, fail_on="never",
                      quiet=True)
    if code == EXIT_OK:
        click.echo(f"leakgate: baseline written to {file}", err=True)
    return int(code)


@cli.command("rules")
def list_rules() -> int:
    """List the available rules."""
    for rule in all_rules():
        opt_in = "" if rule.default else " (opt-in: --select " + rule.id + ")"
        click.echo(f"{rule.id}  {rule.name:<32} {rule.level.label:<8} {rule.precision:<10} "
                   f"{rule.summary}{opt_in}")
    return EXIT_OK


@cli.command()
@click.argument("rule")
def explain(rule: str) -> int:
    """Print a rule's help (by ID or name)."""
    found = find_rule(rule)
    if found is None:
        raise click.BadParameter(f"no rule {rule!r}; `leakgate rules` lists them",
                                 param_hint="RULE")
    click.echo(rule_page(found), nl=False)
    return EXIT_OK


# click >= 8.2 raises this for a bare group; older versions print the help and exit by themselves.
_NO_ARGS_IS_HELP: type[click.ClickException] | tuple[()] = getattr(
    click.exceptions, "NoArgsIsHelpError", ())


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: one-line errors, exit 2 for usage/config, 3 for internal errors."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="leakgate",
                        standalone_mode=False)
    except click.exceptions.Exit as done:
        code = done.exit_code
    except _NO_ARGS_IS_HELP as error:  # bare `leakgate`: the help, not "error: Usage: ..."
        click.echo(error.format_message(), err=True)
        code = EXIT_USAGE
    except click.ClickException as error:
        click.echo(f"leakgate: error: {error.format_message()}", err=True)
        code = EXIT_USAGE
    except (ConfigError, RegistryError, BaselineError) as error:  # ChecklistError too
        click.echo(f"leakgate: error: {error}", err=True)
        code = EXIT_USAGE
    except click.Abort:
        code = 130
    except KeyboardInterrupt:
        code = 130
    except Exception as error:  # never a traceback for users; LEAKGATE_DEBUG=1 shows it
        if os.environ.get("LEAKGATE_DEBUG"):
            raise
        click.echo(f"leakgate: internal error: {type(error).__name__}: {error}", err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
