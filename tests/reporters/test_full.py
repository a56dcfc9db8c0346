from __future__ import annotations

import io

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from schema_lint.diagnostics import UNSAFE, Diagnostic, Fix, Severity
from schema_lint.reporters import get
from schema_lint.reporters._excerpt import MAX_WIDTH, excerpt
from tests.strategies import load_profile

from .sample import DIAGNOSTICS, run_info

load_profile()


@pytest.mark.parametrize(
    ("line", "column", "end_column", "expected"),
    [
        ("plan: 42", 1, 5, ("plan: 42", 0, 4)),
        # Tabs jump to the next multiple of 4, wherever they are.
        ("\tkey", 2, 5, ("    key", 4, 3)),
        ("ab\tkey", 4, 7, ("ab  key", 4, 3)),
        ("a\tb\tkey", 5, 8, ("a   b   key", 8, 3)),
        # Wide characters take two cells, combining marks none.
        ("日本 key", 4, 7, ("日本 key", 5, 3)),
        ("'金額'", 1, 5, ("'金額'", 0, 6)),
        ("e\u0301 key", 4, 7, ("e\u0301 key", 2, 3)),
        # A span running past the line, or starting after it, still shows one caret.
        ("tags: [1,", 7, None, ("tags: [1,", 6, 3)),
        ("abc", 10, 12, ("abc", 3, 1)),
        ("", 1, 2, ("", 0, 1)),
        ("key", 2, 2, ("key", 1, 1)),
        # Control characters would act on the terminal; they are shown as U+FFFD.
        ("a\x1b[2Jkey", 6, 9, ("a\ufffd[2Jkey", 5, 3)),
    ],
)
def test_excerpt(
    line: str, column: int, end_column: int | None, expected: tuple[str, int, int]
) -> None:
    assert excerpt(line, column, end_column) == expected


def test_long_lines_are_cut_at_200_cells() -> None:
    text, offset, width = excerpt("x" * 250, 3, 6)
    assert text == "x" * 200 + "…"
    assert (offset, width) == (2, 3)


def test_long_lines_scroll_to_a_key_far_right() -> None:
    line = "x" * 300 + "KEY" + "y" * 300
    text, offset, width = excerpt(line, 301, 304)
    assert text.startswith("…x") and text.endswith("y…")
    assert len(text) == 202
    assert text[offset : offset + width] == "KEY"


def test_long_lines_of_wide_characters_keep_the_caret_aligned() -> None:
    text, offset, width = excerpt("日" * 150 + "KEY", 151, 154)
    assert text == "…" + "日" * 50 + "KEY"
    assert (offset, width) == (101, 3)


def render(run_changes: dict[str, object], diagnostics: tuple[Diagnostic, ...]) -> str:
    out = io.StringIO()
    get("full")(diagnostics, run_info(new_keys=0, **run_changes), out)
    return out.getvalue()


def test_no_colour_unless_asked() -> None:
    assert "\x1b" not in render({}, DIAGNOSTICS)
    assert "\x1b" in render({"color": True}, DIAGNOSTICS)


@pytest.mark.parametrize(
    ("severity", "color"),
    [
        (Severity.ERROR, "\x1b[1;31m"),
        (Severity.WARNING, "\x1b[1;33m"),
        (Severity.INFO, "\x1b[1;36m"),
    ],
)
def test_code_and_caret_take_the_severity_colour(severity: Severity, color: str) -> None:
    d = Diagnostic("a.js", 1, 1, 1, 4, "SL001", "dotted-key", severity, "m")
    output = render({"color": True, "source_lines": lambda path: ["a.b = 1"]}, (d,))
    assert output == (
        f"\x1b[1ma.js\x1b[0m:1:1: {color}SL001\x1b[0m m\n  |\n1 | a.b = 1\n  | {color}^^^\x1b[0m\n"
    )


def test_missing_line_or_unreadable_file_prints_no_excerpt() -> None:
    def unreadable(path: str) -> list[str]:
        raise OSError(path)

    d = Diagnostic("a.js", 9, 1, 9, 4, "SL004", "mixed-array", Severity.ERROR, "m")
    assert render({"source_lines": lambda path: ["one line"]}, (d,)) == "a.js:9:1: SL004 m\n"
    assert render({"source_lines": unreadable}, (d,)) == "a.js:9:1: SL004 m\n"


def test_a_minified_line_with_many_findings_is_measured_only_around_each_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """86 KB on one line and 2,000 findings: each excerpt looks at a window, not the line."""
    from schema_lint.reporters import _excerpt

    measure = _excerpt._cells

    def bounded(line: str) -> tuple[list[str], list[int]]:
        assert len(line) <= 2 * _excerpt.MAX_WIDTH, len(line)
        return measure(line)

    monkeypatch.setattr(_excerpt, "_cells", bounded)
    item = '{"seat.count":1},'
    line = "[" + item * 5000 + "]"
    diagnostics = tuple(
        Diagnostic("min.json", 1, col, 1, col + 12, "SL001", "dotted-key", Severity.WARNING, "m")
        for col in range(3, len(line), len(item) * 2)[:2000]
    )
    assert len(diagnostics) == 2000 and len(line) > 85_000
    blocks = render({"source_lines": lambda path: [line]}, diagnostics).split("\n\n")
    for block in blocks:
        _, _, source, caret = block.splitlines()[:4]
        text = source.removeprefix("1 | ")
        assert len(text) <= _excerpt.MAX_WIDTH + 2
        assert caret.endswith(" " + "^" * 12)
        start = len(caret) - 12 - len("  | ")
        assert text[start : start + 12] == '"seat.count"', text


@given(
    line=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=1500),
    column=st.integers(1, 1500),
    length=st.integers(1, 40),
)
def test_the_window_keeps_the_caret_on_the_span(line: str, column: int, length: int) -> None:
    assume(column <= len(line))
    text, offset, width = excerpt(line, column, column + length)
    assert len(text) <= MAX_WIDTH + 2
    assert 1 <= width <= length
    assert text[offset : offset + width] == line[column - 1 : column - 1 + width]


def test_an_unsafe_fix_says_so_in_the_hint() -> None:
    fix = Fix("a_b", 1, 2, 1, 5, UNSAFE)
    d = Diagnostic("a.js", 1, 1, 1, 6, "SL001", "dotted-key", Severity.WARNING, "m", fix=fix)
    assert "= help: replace with `a_b` (unsafe fix: --unsafe-fixes)\n" in render({}, (d,))
