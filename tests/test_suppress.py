"""Inline ignore comments, and which diagnostics survive select, ignore and per-file-ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_lint.config import Settings
from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.model import FileScan
from schema_lint.suppress import (
    DiagnosticFilter,
    find_suppressions,
    glob_matcher,
    is_suppressed,
    matches,
)

Suppressions = tuple[tuple[int, tuple[str, ...]], ...]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"track({})  // schema-lint: ignore\n", ((1, ()),)),
        (b"x  # schema-lint: ignore[sl001, SL002]\n", ((1, ("SL001", "SL002")),)),
        (b"// schema-lint: ignore[SL001]\ntrack()\n", ((1, ("SL001",)), (2, ("SL001",)))),
        (b"  /* schema-lint:ignore[SL003] */\n", ((1, ("SL003",)), (2, ("SL003",)))),
        (b"<!-- schema-lint: ignore -->\n", ((1, ()), (2, ()))),
        # one line, two comments: the codes add up, and a bare ignore wins
        (b"x // schema-lint: ignore[SL001] /* schema-lint: ignore[SL002] */\n",
         ((1, ("SL001", "SL002")),)),
        (b"x // schema-lint: ignore[SL001] /* schema-lint: ignore */\n", ((1, ()),)),
        (b"x = 'schema-lint: ignore'\n", ()),  # not a comment
        (b"x // schema-lint: nothing\n", ()),
        (b"plain code\n", ()),
        (b"x // schema-lint: ignore[]\n", ((1, ()),)),
    ],
)
def test_find_suppressions(source: bytes, expected: Suppressions) -> None:
    assert find_suppressions(source) == expected


@pytest.mark.parametrize(
    ("suppressions", "line", "code", "suppressed"),
    [
        (((3, ()),), 3, "SL001", True),
        (((3, ("SL001",)),), 3, "SL001", True),
        (((3, ("SL001",)),), 3, "SL002", False),
        (((3, ()),), 4, "SL001", False),
        ((), 1, "SL001", False),
    ],
)
def test_is_suppressed(suppressions: Suppressions, line: int, code: str, suppressed: bool) -> None:
    assert is_suppressed(suppressions, line, code) is suppressed


@pytest.mark.parametrize(
    ("code", "patterns", "matched"),
    [
        ("SL001", ["SL001"], True),
        ("SL001", ["sl0"], True),
        ("SL101", ["SL0"], False),
        ("SL101", ["ALL"], True),
        ("SL101", ["all"], True),
        ("SL101", [], False),
    ],
)
def test_matches(code: str, patterns: list[str], matched: bool) -> None:
    assert matches(code, patterns) is matched


@pytest.mark.parametrize(
    ("glob", "path", "matched"),
    [
        ("docs/**", "docs/a/b.md", True),
        ("*.md", "deep/in/readme.md", True),
        ("/top.js", "top.js", True),
        ("/top.js", "sub/top.js", False),
        ("web/", "web/a.js", True),
        ("web/", "webapp/a.js", False),
    ],
)
def test_glob_matcher(glob: str, path: str, matched: bool) -> None:
    assert glob_matcher(glob)(path) is matched


def finding(code: str, path: str = "src/a.js", line: int = 1) -> Diagnostic:
    return Diagnostic(path, line, 1, line, 2, code, "n", Severity.WARNING, "m")


def keep(
    settings: Settings | None = None,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] = (),
    frozen: bool = False,
    scans: tuple[FileScan, ...] = (),
) -> DiagnosticFilter:
    return DiagnosticFilter.build(settings or Settings(Path()), select, ignore, frozen, scans)


def test_default_rules_only() -> None:
    filter_ = keep()
    assert filter_(finding("SL001"))
    assert not filter_(finding("SL005"))  # only with --frozen or when selected
    assert keep(frozen=True)(finding("SL005"))
    assert not keep(frozen=True, ignore=("SL005",))(finding("SL005"))


def test_the_command_line_select_overrides_the_config() -> None:
    settings = Settings(Path(), select=("SL002",), ignore=("SL003",))
    assert not keep(settings)(finding("SL001"))
    assert keep(settings)(finding("SL002"))
    assert keep(settings, select=("SL0",))(finding("SL001"))
    assert not keep(settings, select=("SL0",))(finding("SL003"))  # the config's ignore stays


def test_per_file_ignores_and_inline_comments() -> None:
    settings = Settings(Path(), per_file_ignores=(("tests/**", ("SL001",)),))
    scans = (FileScan("src/a.js", suppressions=((2, ("SL002",)),)),)
    filter_ = keep(settings, scans=scans)
    assert not filter_(finding("SL001", "tests/x.js"))
    assert filter_(finding("SL002", "tests/x.js"))
    assert not filter_(finding("SL002", "src/a.js", 2))
    assert filter_(finding("SL002", "src/a.js", 3))
    assert filter_(finding("SL001", "src/a.js", 2))
