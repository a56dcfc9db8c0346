"""What a command says on stderr (and `lock` on stdout) about a run, beside its report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from schema_lint.cli.base import say, say_notes

if TYPE_CHECKING:
    from schema_lint.engine import Result


def keys(number: int) -> str:
    return f"{number} key" if number == 1 else f"{number} keys"


def run_notes(result: Result, update_lock: bool) -> None:
    from schema_lint.engine import count, has_errors

    say_notes(result.notes)
    if not result.files:
        say("note: no files to check")
    held = count(result.new_keys)
    if update_lock and held and not result.added and has_errors(result.diagnostics):
        say(f"note: {keys(held)} not added to {result.lockfile}: the run has errors")


def fix_notes(result: Result, verb: str) -> None:
    if result.fixed:
        say(f"{verb} {result.fixed} finding(s).")
    left = result.unsafe_fixes_left
    if left:
        noun, pronoun = ("fix", "it") if left == 1 else ("fixes", "them")
        say(
            f"note: {left} unsafe {noun} left out (a key of an object bound to a name, which "
            f"other code may read): add --unsafe-fixes to apply {pronoun}"
        )


def stage_lockfiles(results: Sequence[Result]) -> None:
    """What to do after the hook changed a lockfile: stage it, or the commit goes on without."""
    from schema_lint.engine import count

    for result in results:
        if result.added:
            lock = result.lockfile
            added = keys(count(result.added))
            say(f"{lock}: added {added}: git add {lock} and commit again")


def lock_outcome(added: int, lockfile: str) -> None:
    if added:
        say(f"Added {keys(added)} to {lockfile}.", err=False)
    else:
        say(f"{lockfile} is up to date.", err=False)


def unlockable(result: Result) -> None:
    if result.unlockable:
        names = ", ".join(f"{ns}.{key}" for ns, key in result.unlockable[:10])
        say(f"Not added, sent with conflicting types (see schema-lint check): {names}")
