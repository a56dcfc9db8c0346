"""What a run builds, kept to the end of a process that ends without freeing anything.

The `schema-lint` command ends with `os._exit` (cli.leave): freeing a run's objects one by one
when the functions that made them return would only delay that exit, by 6 ms after a cold run
over 7,000 files. The command calls `until_exit`; in any other process (tests, other tools)
`keep` keeps nothing, and a run's objects are freed as usual.
"""

from __future__ import annotations

_kept: list[object] | None = None


def until_exit() -> None:
    """From now on, `keep` keeps what it is given until the process ends."""
    global _kept
    _kept = []


def keep(*objects: object) -> None:
    if _kept is not None:
        _kept.append(objects)
