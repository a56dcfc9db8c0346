"""`--fix` edits: applied last first, overlapping ones left for the next run, the file's
encoding, line ends and mode kept; unsafe ones only on request; `--diff` as a unified diff."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from schema_lint.diagnostics import UNSAFE, Diagnostic, Fix, Severity
from schema_lint.fixes import apply_fixes, unified_diff


def finding(path: str, fix: Fix | None, message: str = "m") -> Diagnostic:
    return Diagnostic(
        path, fix.line if fix else 1, fix.column if fix else 1, 1, 1,
        "SL001", "dotted-key", Severity.WARNING, message, fix=fix,
    )


@pytest.mark.parametrize(
    ("text", "fixes", "expected", "count"),
    [
        ("a.b = 1\n", [Fix("a_b", 1, 1, 1, 4)], "a_b = 1\n", 1),
        ("x\r\n'a.b'\r\n", [Fix("a_b", 2, 2, 2, 5)], "x\r\n'a_b'\r\n", 1),
        ("x\r'a.b'\r", [Fix("a_b", 2, 2, 2, 5)], "x\r'a_b'\r", 1),
        ("a.b c.d\n", [Fix("c_d", 1, 5, 1, 8), Fix("a_b", 1, 1, 1, 4)], "a_b c_d\n", 2),
        ("'é.x'\n", [Fix("é_x", 1, 2, 1, 5)], "'é_x'\n", 1),
        ("abc\n", [Fix("X", 1, 1, 1, 3), Fix("Y", 1, 2, 1, 4)], "aY\n", 1),  # overlap: later wins
        ("a.b\n", [Fix("a_b", 9, 1, 9, 4)], "a.b\n", 0),  # past the end: left alone
    ],
)
def test_edits(tmp_path: Path, text: str, fixes: list[Fix], expected: str, count: int) -> None:
    (tmp_path / "f.js").write_bytes(text.encode("utf-8"))
    diagnostics = [finding("f.js", fix, str(n)) for n, fix in enumerate(fixes)]
    fixed = apply_fixes(tmp_path, diagnostics).diagnostics
    assert (tmp_path / "f.js").read_bytes().decode("utf-8") == expected
    assert len(fixed) == count


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_bytes(codecs.BOM_UTF8 + b'{"a.b": 1}\n')
    apply_fixes(tmp_path, [finding("f.json", Fix("a_b", 1, 3, 1, 6))])
    assert (tmp_path / "f.json").read_bytes() == codecs.BOM_UTF8 + b'{"a_b": 1}\n'


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o755, 0o600, 0o640], ids=oct)
def test_the_file_mode_is_kept(tmp_path: Path, mode: int) -> None:
    script = tmp_path / "track.py"
    script.write_text("#!/usr/bin/env python3\nx = {'a.b': 1}\n")
    script.chmod(mode)
    apply_fixes(tmp_path, [finding("track.py", Fix("a_b", 2, 7, 2, 10))])
    assert script.read_text() == "#!/usr/bin/env python3\nx = {'a_b': 1}\n"
    assert stat.S_IMODE(script.stat().st_mode) == mode


def test_no_temporary_file_is_left(tmp_path: Path) -> None:
    (tmp_path / "f.js").write_text("a.b\n")
    apply_fixes(tmp_path, [finding("f.js", Fix("a_b", 1, 1, 1, 4))])
    assert sorted(os.listdir(tmp_path)) == ["f.js"]


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", None])
def test_unreadable_files_are_not_fixed(tmp_path: Path, content: bytes | None) -> None:
    if content is not None:
        (tmp_path / "f.js").write_bytes(content)
    assert apply_fixes(tmp_path, [finding("f.js", Fix("a_b", 1, 1, 1, 4))]).diagnostics == set()
    if content is not None:
        assert (tmp_path / "f.js").read_bytes() == content


def test_findings_without_a_fix_are_not_touched(tmp_path: Path) -> None:
    (tmp_path / "f.js").write_text("a.b\n")
    before = (tmp_path / "f.js").stat().st_mtime_ns
    assert apply_fixes(tmp_path, [finding("f.js", None)]).diagnostics == set()
    assert (tmp_path / "f.js").stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("before", "after", "hunk"),
    [
        ("a\r\nx.y\r\n", "a\r\nx_y\r\n", "@@ -1,2 +1,2 @@\n a\r\n-x.y\r\n+x_y\r\n"),
        ("'\u2028'; x.y\n", "'\u2028'; x_y\n", "@@ -1 +1 @@\n-'\u2028'; x.y\n+'\u2028'; x_y\n"),
        (
            "a\rx.y",
            "a\rx_y",
            "@@ -1,2 +1,2 @@\n a\r-x.y\n\\ No newline at end of file\n"
            "+x_y\n\\ No newline at end of file\n",
        ),
    ],
)
def test_unified_diff_counts_lines_as_editors_do(before: str, after: str, hunk: str) -> None:
    assert unified_diff("f.js", before, after) == "--- a/f.js\n+++ b/f.js\n" + hunk


def test_unsafe_fixes_only_on_request_and_a_diff_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "f.js").write_text("a.b c.d\n")
    safe = finding("f.js", Fix("a_b", 1, 1, 1, 4), "safe")
    unsafe = finding("f.js", Fix("c_d", 1, 5, 1, 8, UNSAFE), "unsafe")
    shown = apply_fixes(tmp_path, [safe, unsafe], write=False)
    assert (shown.diagnostics, shown.unsafe_left) == (frozenset({safe}), 1)
    assert shown.diff.endswith("-a.b c.d\n+a_b c.d\n")
    assert (tmp_path / "f.js").read_text() == "a.b c.d\n"
    applied = apply_fixes(tmp_path, [safe, unsafe], unsafe=True)
    assert applied.diagnostics == {safe, unsafe}
    assert (applied.unsafe_left, applied.diff) == (0, "")
    assert (tmp_path / "f.js").read_text() == "a_b c_d\n"
