"""Command line: options -> settings -> engine -> typed result -> reporters.emit -> exit code.

Each command is a thin click function in its own module; the work is done elsewhere. `check`
in its common forms (paths and flags) is read without click, which would take longer to load
than a warm run takes to answer (schema_lint.cli.quick).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schema_lint.cli.group import main as main


def __getattr__(name: str) -> object:
    """`main`, the click group, loaded when asked for: `check` in its common forms runs
    without click (schema_lint.cli.quick)."""
    if name == "main":
        from schema_lint.cli.group import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(args: Sequence[str] | None = None, prog_name: str = "schema-lint") -> None:
    """`main` under the garbage-collection policy of a process that ends with the command (the
    process entry, `entry`, runs it).

    What a run builds (scans, rows, diagnostics) is acyclic and lives to its end: a collection
    walks it all and frees nothing (while scans were being built or loaded from the cache, it
    made that three times slower), and so would the interpreter's last collection at exit.
    So nothing is collected while the command runs, and what it built is frozen before the
    process exits. In-process callers (tests, other tools) call `main` and keep their policy.
    """
    gc.disable()
    try:
        from schema_lint.cli import quick

        found = quick.check_arguments(sys.argv[1:] if args is None else args)
        if found is not None:
            quick.run(found)
        from schema_lint.cli.group import main

        main(args, prog_name=prog_name)
    finally:
        gc.freeze()


def entry() -> None:
    """The `schema-lint` script and `python -m schema_lint`: `run`, then `leave`."""
    from schema_lint import lifetime

    lifetime.until_exit()  # `leave` frees nothing: neither need the functions before it
    try:
        run()
    except SystemExit as done:
        leave(done.code)


def leave(code: object) -> None:
    """End the process once the command is done: flush what it printed and exit without the
    interpreter's teardown, which frees every object the run built one by one (6 ms after a
    cold run on a 7,000-file monorepo). Nothing is left to run at exit: the pool is shut down
    and forked work joined before a run returns. The status is what `sys.exit(code)` gives."""
    import os
    import sys

    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None  # a closed stream: let Python report it as it does
    os._exit(code or 0)
