"""Command line: options -> Settings -> engine.run -> reporter -> exit code. No logic here."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from schema_lint import __version__
from schema_lint.strings import shorten

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("auto", "text", "full", "json", "sarif", "github", "gitlab", "junit")


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip().upper() for code in value.split(",") if code.strip())


def _is_user_error(exc: Exception) -> bool:
    from schema_lint.config import ConfigError
    from schema_lint.engine import EngineError
    from schema_lint.lockfile import LockfileError

    return isinstance(exc, ConfigError | EngineError | LockfileError)


def handle_errors(func: F) -> F:
    """Expected failures are one line on stderr and exit 2; a traceback only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.pop("debug", False)
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:
            if debug:
                traceback.print_exc()
            if _is_user_error(exc):
                click.echo(f"schema-lint: error: {exc}", err=True)
            else:
                summary = shorten(str(exc).splitlines()[0], 200, False) if str(exc) else ""
                click.echo(
                    f"schema-lint: internal error: {exc.__class__.__name__}: {summary} "
                    "(rerun with --debug for details)",
                    err=True,
                )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


debug_option = click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))
config_option = click.option(
    "--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file to use."
)
lockfile_option = click.option(
    "--lockfile", type=click.Path(path_type=Path, dir_okay=False), help="Lockfile to use."
)
cache_option = click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")


def _settings(
    paths: Sequence[Path], config: Path | None, lockfile: Path | None, use_cache: bool
) -> Any:
    from dataclasses import replace

    from schema_lint.config import load_settings

    settings = load_settings(paths, config, Path.cwd(), use_cache)
    if lockfile is not None:
        settings = replace(settings, lockfile=lockfile.resolve())
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="schema-lint")
def main() -> None:
    """Lint analytics event metadata against a committed schema lockfile."""


@main.command("check")
@paths_argument
@lockfile_option
@config_option
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Output format.",
)
@click.option("--frozen", is_flag=True, help="Report keys missing from the lockfile (SL005).")
@click.option(
    "--update-lock", is_flag=True, help="Add new keys to the lockfile; exit 1 if it changed."
)
@click.option("--fix", is_flag=True, help="Apply safe fixes (SL001 renames) in place.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff, also rename keys of objects bound to a name.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff instead of the report; write nothing. "
    "Exit 1 when there is a diff.",
)
@click.option(
    "--output-file",
    "output_files",
    multiple=True,
    metavar="[FORMAT:]PATH",
    help="PATH: write the report there instead of stdout. FORMAT:PATH (repeatable): also "
    "write a report in FORMAT there, e.g. sarif:report.sarif.",
)
@click.option("--select", help="Comma-separated rule codes or prefixes to enable.")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to disable.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    help="Colour in the full format.",
)
@cache_option
@debug_option
@handle_errors
def check_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    format_: str,
    frozen: bool,
    update_lock: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    output_files: tuple[str, ...],
    select: str | None,
    ignore: str | None,
    exit_zero: bool,
    statistics: bool,
    color: str,
    no_cache: bool,
) -> None:
    """Lint PATHS (default: the project root)."""
    from dataclasses import replace

    from schema_lint import engine, reporters

    if diff and update_lock:
        raise click.UsageError("--diff writes nothing: it cannot be used with --update-lock")
    output, extra_outputs = _outputs(output_files)
    settings = _settings(paths, config, lockfile, not no_cache)
    options = engine.Options(
        frozen, update_lock, fix, _codes(select), _codes(ignore) or (), not no_cache
    )
    options = replace(options, unsafe_fixes=unsafe_fixes, diff=diff)
    result = engine.run(settings, paths, options)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if diff:
        with _open_output(output) as out:
            out.write(result.diff)
        _fix_notes(result, "Would fix")
        sys.exit(1 if result.diff else 0)
    fmt = reporters.resolve_format(format_, os.environ)
    run = _run_info(settings, result, color)
    reports = [(fmt, output, run.color if output is None else color == "always")]
    reports += [(extra_format, path, False) for extra_format, path in extra_outputs]
    _write_reports(reports, result.diagnostics, run, statistics)
    _step_summary(fmt, result, run)
    _fix_notes(result, "Fixed")
    changed = bool(result.added)
    sys.exit(0 if exit_zero or not (result.diagnostics or changed) else 1)


def _write_reports(
    reports: list[tuple[str, Path | None, bool]], diagnostics: Any, run: Any, statistics: bool
) -> None:
    """Each (format, file or None for stdout, colour); --statistics replaces the first one."""
    from dataclasses import replace

    from schema_lint import reporters

    for index, (fmt, path, painted) in enumerate(reports):
        with _open_output(path) as out:
            if statistics and index == 0:
                reporters.write_statistics(diagnostics, out)
            else:
                reporters.get(fmt)(diagnostics, replace(run, color=painted), out)


def _step_summary(fmt: str, result: Any, run: Any) -> None:
    from schema_lint import reporters

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            reporters.step_summary(result.diagnostics, run, handle)


def _outputs(values: Sequence[str]) -> tuple[Path | None, list[tuple[str, Path]]]:
    """The main report's file (None: stdout) and the extra FORMAT:PATH reports."""
    from schema_lint.reporters import parse_output_file

    plain: list[Path] = []
    extra: list[tuple[str, Path]] = []
    for value in values:
        fmt, path = parse_output_file(value)
        if fmt is None:
            plain.append(Path(path))
        else:
            extra.append((fmt, Path(path)))
    if len(plain) > 1:
        raise click.UsageError(
            "--output-file PATH given twice; use FORMAT:PATH for the extra reports"
        )
    return (plain[0] if plain else None), extra


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or the file (its folders created) that --output-file names."""
    from schema_lint.engine import EngineError

    if path is None:
        yield sys.stdout
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise EngineError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _fix_notes(result: Any, verb: str) -> None:
    if result.fixed:
        click.echo(f"{verb} {result.fixed} finding(s).", err=True)
    left = result.unsafe_fixes_left
    if left:
        noun, pronoun = ("fix", "it") if left == 1 else ("fixes", "them")
        click.echo(
            f"note: {left} unsafe {noun} left out (a key of an object bound to a name, which "
            f"other code may read): add --unsafe-fixes to apply {pronoun}",
            err=True,
        )


def _run_info(settings: Any, result: Any, color: str) -> Any:
    from schema_lint import engine, reporters, rules

    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    return reporters.RunInfo(
        root=settings.root,
        rules=rules.infos(),
        files=result.files,
        lockfile=result.lockfile,
        new_keys=engine.count(result.new_keys) if not result.added else 0,
        added_keys=engine.count(result.added),
        color=use_color,
        source_lines=_source_reader(settings.root),
    )


def _source_reader(root: Path) -> Callable[[str], Sequence[str]]:
    cache: dict[str, Sequence[str]] = {}

    def read(path: str) -> Sequence[str]:
        if path not in cache:
            try:
                text = (root / path).read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                text = ""
            cache[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return cache[path]

    return read


@main.command("lock")
@paths_argument
@lockfile_option
@config_option
@cache_option
@debug_option
@handle_errors
def lock_command(
    paths: tuple[Path, ...], lockfile: Path | None, config: Path | None, no_cache: bool
) -> None:
    """Scan PATHS and add new keys to the lockfile (never changes or removes a key)."""
    from schema_lint import engine

    settings = _settings(paths, config, lockfile, not no_cache)
    result = engine.run(
        settings,
        paths,
        engine.Options(update_lock=True, use_cache=not no_cache, select=(), create_lock=True),
    )
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    added = engine.count(result.added)
    if added:
        noun = "key" if added == 1 else "keys"
        click.echo(f"Added {added} {noun} to {result.lockfile}.")
    else:
        click.echo(f"{result.lockfile} is up to date.")
    if result.unlockable:
        names = ", ".join(f"{ns}.{key}" for ns, key in result.unlockable[:10])
        click.echo(
            f"Not added, sent with conflicting types (see schema-lint check): {names}", err=True
        )


@main.command("rules")
def rules_command() -> None:
    """List the rules."""
    from schema_lint.rules import infos

    for info in infos():
        state = "on" if info.default_on else "off"
        fix = " (fixable)" if info.fixable else ""
        click.echo(
            f"{info.code}  {info.name:<26} {info.severity.value:<8} {state:<4}{info.summary}{fix}"
        )


@main.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Print one rule's documentation."""
    from schema_lint.rules import get

    try:
        rule = get(code)
    except KeyError as exc:
        click.echo(f"schema-lint: error: {exc.args[0]}", err=True)
        sys.exit(2)
    info = rule.info
    click.echo(
        f"# {info.code} {info.name}\n\nDefault: {info.severity.value}"
        f"{'' if info.default_on else ' (off unless selected)'}\n\n{info.docs}"
    )


@main.command("catalog")
@paths_argument
@lockfile_option
@config_option
@click.option(
    "--format",
    "format_",
    type=click.Choice(("markdown", "json", "html")),
    default="markdown",
    show_default=True,
    help="Output format.",
)
@click.option("--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@click.option("--diff-against", metavar="REF", help="List what is new or changed since git REF.")
@cache_option
@debug_option
@handle_errors
def catalog_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    format_: str,
    output_file: Path | None,
    diff_against: str | None,
    no_cache: bool,
) -> None:
    """The tracking plan as the code has it: events, keys, types, lock status, coverage."""
    from schema_lint.catalog.command import render, write

    settings = _settings(paths, config, lockfile, not no_cache)
    page, notes = render(settings, paths, format_, diff_against, not no_cache)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if output_file is None:
        click.echo(page, nl=False)
    else:
        write(page, output_file)


def run(args: Sequence[str] | None = None, prog_name: str = "schema-lint") -> None:
    """The process entry (the `schema-lint` script, `python -m schema_lint`): `main` under the
    garbage-collection policy of a process that ends with the command.

    What a run builds (scans, rows, diagnostics) is acyclic and lives to its end: a collection
    walks it all and frees nothing (while scans were being built or loaded from the cache, it
    made that three times slower), and so would the interpreter's last collection at exit.
    So nothing is collected while the command runs, and what it built is frozen before the
    process exits. In-process callers (tests, other tools) call `main` and keep their policy.
    """
    gc.disable()
    try:
        main(args, prog_name=prog_name)
    finally:
        gc.freeze()
