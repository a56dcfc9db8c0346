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
from schema_lint.model import NAMESPACES
from schema_lint.strings import shorten

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("auto", "text", "full", "json", "sarif", "github", "gitlab", "junit")
# formats read by tools, which resolve paths from the repository root (the others: from cwd)
MACHINE_FORMATS = ("json", "sarif", "github", "gitlab", "junit")


def _codes(option: str, value: str | None) -> tuple[str, ...] | None:
    """The codes a comma-separated list of selectors stands for; a typo is exit 2, not a no-op."""
    from schema_lint.rules import SelectorError, resolve

    if value is None:
        return None
    codes: dict[str, None] = {}
    for selector in filter(None, (part.strip() for part in value.split(","))):
        try:
            codes.update(dict.fromkeys(resolve(selector)))
        except SelectorError as exc:
            raise UsageError(f"{option}: {exc}") from None
    return tuple(codes)


class UsageError(Exception):
    """Options that cannot work (a typo, flags that contradict each other): one line, exit 2."""


def _is_user_error(exc: Exception) -> bool:
    from schema_lint.config import ConfigError
    from schema_lint.engine import EngineError
    from schema_lint.events import InputError
    from schema_lint.lockfile import LockfileError

    return isinstance(exc, ConfigError | EngineError | LockfileError | UsageError | InputError)


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
select_option = click.option(
    "--select", help="Comma-separated rule codes, prefixes or names to enable."
)
ignore_option = click.option(
    "--ignore", help="Comma-separated rule codes, prefixes or names to disable."
)
exit_zero_option = click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when there are findings."
)
offline_option = click.option(
    "--offline", is_flag=True, help="Use the cached copies of git `extends` sources."
)


def _settings(
    paths: Sequence[Path], config: Path | None, lockfile: Path | None, use_cache: bool
) -> Any:
    """One config for all paths, for the commands that do not span several project roots."""
    from dataclasses import replace

    from schema_lint.config import load_settings

    settings = load_settings(paths, config, Path.cwd(), use_cache)
    if lockfile is not None:
        settings = replace(settings, lockfile=lockfile.resolve())
    return settings


def _groups(
    paths: Sequence[Path], config: Path | None, lockfile: Path | None, use_cache: bool
) -> Any:
    """The paths grouped by the config that governs each, with notes about the configs shown."""
    from dataclasses import replace

    from schema_lint.config import load_groups
    from schema_lint.projects import split_nested

    groups = load_groups(paths, config, Path.cwd(), use_cache)
    if config is None:
        groups = split_nested(groups, Path.cwd(), use_cache)
    if lockfile is not None:
        path = lockfile.resolve()
        groups = tuple(replace(g, settings=replace(g.settings, lockfile=path)) for g in groups)
    for note in dict.fromkeys(note for group in groups for note in group.settings.notes):
        click.echo(f"note: {note}", err=True)
    return groups


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
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings and file counts each path is checked under, then exit.",
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
    unsafe_fixes: bool,
    diff: bool,
    output_files: tuple[str, ...],
    select: str | None,
    ignore: str | None,
    exit_zero: bool,
    statistics: bool,
    color: str,
    show_settings: bool,
    no_cache: bool,
    offline: bool,
) -> None:
    """Lint PATHS (default: the project root)."""
    from dataclasses import replace

    from schema_lint import engine, reporters
    from schema_lint.config import display_base

    _check_flags(frozen, update_lock, diff)
    output, extra_outputs = _outputs(output_files)
    selected, ignored = _codes("--select", select), _codes("--ignore", ignore) or ()
    groups = _groups(paths, config, lockfile, not no_cache)
    if show_settings:
        _show_settings(groups)
    fmt = reporters.resolve_format(format_, os.environ)
    # a diff is for people, like `text`: its paths open from the working directory
    base = display_base(groups, fmt in MACHINE_FORMATS and not diff, Path.cwd())
    options = engine.Options(frozen, update_lock, fix, selected, ignored, not no_cache)
    options = replace(options, unsafe_fixes=unsafe_fixes, diff=diff, base=base, offline=offline)
    results = engine.run_groups(groups, options)
    result = engine.merge(results)
    _notes(result, update_lock)
    if diff:
        _print_diff(result, output)
    run = _run_info(base, result, color, update_lock)
    reports = [(fmt, output, run.color if output is None else color == "always")]
    reports += [(extra_format, path, False) for extra_format, path in extra_outputs]
    _report(reports, statistics, result, run, groups)
    _fix_notes(result, "Fixed")
    _lock_messages(results)
    changed = bool(result.added)
    sys.exit(0 if exit_zero or not (result.diagnostics or changed) else 1)


def _check_flags(frozen: bool, update_lock: bool, diff: bool) -> None:
    if frozen and update_lock:
        raise UsageError("--frozen and --update-lock cannot be used together")
    if diff and update_lock:
        raise UsageError("--diff writes nothing: it cannot be used with --update-lock")


def _print_diff(result: Any, output: Path | None) -> None:
    """--diff: the fixes as a unified diff instead of the report; exit 1 when there is one."""
    with _open_output(output) as out:
        out.write(result.diff)
    _fix_notes(result, "Would fix")
    sys.exit(1 if result.diff else 0)


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
        raise UsageError("--output-file PATH given twice; use FORMAT:PATH for the extra reports")
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


def _report(
    reports: list[tuple[str, Path | None, bool]],
    statistics: bool,
    result: Any,
    run: Any,
    groups: Sequence[Any],
) -> None:
    """Each (format, file or None for stdout, colour); --statistics replaces the first one.

    An extra report whose paths start elsewhere (a machine format beside `text`) is moved
    there: SARIF must name files from the repository root whatever `--format` is.
    """
    from dataclasses import replace

    from schema_lint import engine, reporters
    from schema_lint.config import display_base

    for index, (fmt, path, painted) in enumerate(reports):
        diagnostics, info = result.diagnostics, replace(run, color=painted)
        base = display_base(groups, fmt in MACHINE_FORMATS, Path.cwd())
        if base != run.root:
            move = engine.relocate(run.root, base)
            diagnostics = engine.rebase(diagnostics, result.lockfile, move)
            files = tuple(sorted(map(move, run.files)))
            info = replace(info, root=base, files=files, source_lines=_source_reader(base))
        with _open_output(path) as out:
            if statistics and index == 0:
                reporters.write_statistics(diagnostics, out)
            else:
                reporters.get(fmt)(diagnostics, info, out)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if reports[0][0] == "github" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            reporters.step_summary(result.diagnostics, run, handle)


def _show_settings(groups: Sequence[Any]) -> None:
    from schema_lint.describe import describe

    click.echo("\n".join(describe(group, Path.cwd()) for group in groups), nl=False)
    sys.exit(0)


def _notes(result: Any, update_lock: bool) -> None:
    from schema_lint import engine

    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if not result.files:
        click.echo("note: no files to check", err=True)
    held = engine.count(result.new_keys)
    if update_lock and held and not result.added and engine.has_errors(result.diagnostics):
        click.echo(
            f"note: {_keys(held)} not added to {result.lockfile}: the run has errors", err=True
        )


def _lock_messages(results: Sequence[Any]) -> None:
    """What to do after the hook changed a lockfile: stage it, or the commit goes on without."""
    from schema_lint import engine

    for result in results:
        if result.added:
            lock = result.lockfile
            added = _keys(engine.count(result.added))
            click.echo(f"{lock}: added {added}: git add {lock} and commit again", err=True)


def _keys(count: int) -> str:
    return f"{count} key" if count == 1 else f"{count} keys"


def _run_info(base: Path, result: Any, color: str, update_lock: bool) -> Any:
    from schema_lint import engine, reporters, rules

    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    return reporters.RunInfo(
        root=base,
        rules=rules.infos(),
        files=result.files,
        lockfile=result.lockfile,
        # with --update-lock, stderr says what became of the new keys ("run schema-lint lock"
        # would lock the types of a run that has errors)
        new_keys=0 if update_lock else engine.count(result.new_keys),
        color=use_color,
        source_lines=_source_reader(base),
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
        raise UsageError("--namespace goes with --from-events")
    groups = _groups(paths, config, lockfile, not no_cache)
    options = engine.Options(
        update_lock=True,
        use_cache=not no_cache,
        select=(),
        create_lock=True,
        base=Path.cwd(),
        offline=offline,
    )
    results = engine.run_groups(groups, options)
    _notes(engine.merge(results), update_lock=False)
    for result in results:
        _lock_report(result)


def _lock_report(result: Any) -> None:
    from schema_lint import engine

    added = engine.count(result.added)
    if added:
        click.echo(f"Added {_keys(added)} to {result.lockfile}.")
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


def _event_files(paths: Sequence[Path]) -> list[str]:
    if not paths:
        raise UsageError("give at least one FILE of captured events (- for stdin)")
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
        click.echo(f"Added {_keys(added)} to {learned.lockfile}.")
    else:
        click.echo(f"{learned.lockfile} is up to date.")


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
    selected, ignored = _codes("--select", select), _codes("--ignore", ignore) or ()
    options = engine.Options(frozen, select=selected, ignore=ignored, offline=offline)
    result = validate(settings, _event_files(paths), namespace, options)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    fmt = reporters.resolve_format(format_, os.environ)
    run = _run_info(settings.root, result, "auto", False)
    reporters.get(fmt)(result.diagnostics, run, sys.stdout)
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
