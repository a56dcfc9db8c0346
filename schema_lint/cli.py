"""Command line: options -> Settings -> engine.run -> reporter -> exit code. No logic here."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from schema_lint import __version__
from schema_lint.model import NAMESPACES
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
    from schema_lint.events import InputError
    from schema_lint.lockfile import LockfileError

    return isinstance(exc, ConfigError | EngineError | LockfileError | InputError)


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
namespace_option = click.option(
    "--namespace",
    type=click.Choice(NAMESPACES),
    help="The namespace of bare metadata objects in captured events.",
)
format_option = click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Output format.",
)
frozen_option = click.option(
    "--frozen", is_flag=True, help="Report keys missing from the lockfile (SL005)."
)
select_option = click.option("--select", help="Comma-separated rule codes or prefixes to enable.")
ignore_option = click.option("--ignore", help="Comma-separated rule codes or prefixes to disable.")
exit_zero_option = click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when there are findings."
)
offline_option = click.option(
    "--offline", is_flag=True, help="Use the cached copies of git `extends` sources."
)


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
@format_option
@frozen_option
@click.option(
    "--update-lock", is_flag=True, help="Add new keys to the lockfile; exit 1 if it changed."
)
@click.option("--fix", is_flag=True, help="Rewrite dotted keys (SL001) in place.")
@select_option
@ignore_option
@exit_zero_option
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    help="Colour in the full format.",
)
@cache_option
@offline_option
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
    select: str | None,
    ignore: str | None,
    exit_zero: bool,
    statistics: bool,
    color: str,
    no_cache: bool,
    offline: bool,
) -> None:
    """Lint PATHS (default: the project root)."""
    from schema_lint import engine, reporters

    settings = _settings(paths, config, lockfile, not no_cache)
    options = engine.Options(
        frozen,
        update_lock,
        fix,
        _codes(select),
        _codes(ignore) or (),
        not no_cache,
        offline=offline,
    )
    result = engine.run(settings, paths, options)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    out = sys.stdout
    fmt = reporters.resolve_format(format_, os.environ)
    run = _run_info(settings, result, color)
    if statistics:
        reporters.write_statistics(result.diagnostics, out)
    else:
        reporters.get(fmt)(result.diagnostics, run, out)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            reporters.step_summary(result.diagnostics, run, handle)
    if result.fixed:
        click.echo(f"Fixed {result.fixed} finding(s).", err=True)
    changed = bool(result.added)
    sys.exit(0 if exit_zero or not (result.diagnostics or changed) else 1)


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
@click.option(
    "--from-events",
    is_flag=True,
    help="PATHS are captured events (JSON, JSON Lines, .gz, - for stdin): lock their types.",
)
@namespace_option
@cache_option
@offline_option
@debug_option
@handle_errors
def lock_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    from_events: bool,
    namespace: str | None,
    no_cache: bool,
    offline: bool,
) -> None:
    """Scan PATHS and add new keys to the lockfile (never changes or removes a key)."""
    from schema_lint import engine

    if from_events:
        _lock_from_events(paths, _settings((), config, lockfile, not no_cache), namespace, offline)
        return
    if namespace is not None:
        raise click.UsageError("--namespace goes with --from-events")
    settings = _settings(paths, config, lockfile, not no_cache)
    result = engine.run(
        settings,
        paths,
        engine.Options(
            update_lock=True, use_cache=not no_cache, select=(), create_lock=True, offline=offline
        ),
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


def _event_files(paths: Sequence[Path]) -> list[str]:
    if not paths:
        raise click.UsageError("give at least one FILE of captured events (- for stdin)")
    return [str(path) for path in paths]


def _lock_from_events(
    paths: Sequence[Path], settings: Any, namespace: str | None, offline: bool
) -> None:
    from schema_lint import engine, learn
    from schema_lint.progress import Progress

    progress = Progress(sys.stderr, sys.stderr.isatty())
    learned = learn.learn(
        settings, _event_files(paths), namespace, offline, progress.say, progress.for_file
    )
    progress.clear()
    added = engine.count(learned.added)
    skipped = f", {learned.bad} skipped" if learned.bad else ""
    click.echo(f"Read {learned.records} records{skipped}.", err=True)
    if added:
        click.echo(f"Added {added} {'key' if added == 1 else 'keys'} to {learned.lockfile}.")
    else:
        click.echo(f"{learned.lockfile} is up to date.")


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


@main.command("validate")
@paths_argument
@lockfile_option
@config_option
@format_option
@frozen_option
@select_option
@ignore_option
@exit_zero_option
@namespace_option
@cache_option
@offline_option
@debug_option
@handle_errors
def validate_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    format_: str,
    frozen: bool,
    select: str | None,
    ignore: str | None,
    exit_zero: bool,
    namespace: str | None,
    no_cache: bool,
    offline: bool,
) -> None:
    """Check captured payloads (JSON, JSON Lines, .gz, - for stdin) against the lock."""
    from schema_lint import engine, reporters
    from schema_lint.validate import validate

    settings = _settings((), config, lockfile, not no_cache)
    options = engine.Options(
        frozen, select=_codes(select), ignore=_codes(ignore) or (), offline=offline
    )
    result = validate(settings, _event_files(paths), namespace, options)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    fmt = reporters.resolve_format(format_, os.environ)
    reporters.get(fmt)(result.diagnostics, _run_info(settings, result, "auto"), sys.stdout)
    sys.exit(0 if exit_zero or not result.diagnostics else 1)


@main.command("export")
@lockfile_option
@config_option
@click.option(
    "--format", "format_", type=click.Choice(("json-schema",)), required=True, help="What to print."
)
@click.option(
    "--namespace",
    type=click.Choice(NAMESPACES),
    default="events",
    show_default=True,
    help="The namespace whose metadata the schema describes.",
)
@offline_option
@debug_option
@handle_errors
def export_command(
    lockfile: Path | None, config: Path | None, format_: str, namespace: str, offline: bool
) -> None:
    """Print the lock as a JSON Schema (draft 2020-12) for one namespace's metadata."""
    from schema_lint import export

    settings = _settings((), config, lockfile, True)
    text, notes = export.export(settings, namespace, offline)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    click.echo(text, nl=False)


@main.command("merge-lock")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("ours", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("theirs", type=click.Path(path_type=Path, dir_okay=False))
@debug_option
@handle_errors
def merge_lock_command(base: Path, ours: Path, theirs: Path) -> None:
    """Git merge driver: write the union of both sides' keys into OURS (%O %A %B)."""
    from schema_lint.merge import merge_files

    sys.exit(0 if merge_files(base, ours, theirs) else 1)


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
