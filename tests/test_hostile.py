"""Hostile input: schema-lint must report bad files as findings, never crash, hang or echo them.

tests/hostile/ is a project with the small hostile files; the big, binary, oddly encoded and
linked ones are made here, in a temporary copy, so that nothing large or binary is committed.
The run is a real subprocess with a time limit, as a user or a pre-commit hook would start it.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from schema_lint.config import load_settings
from schema_lint.discovery import discover
from schema_lint.flatten import flatten_scans
from schema_lint.scan import scan_files
from schema_lint.scanners import scan_file
from tests.strategies import CONTEXT

HOSTILE = Path(__file__).parent / "hostile"
SCHEMA_LINT = Path(sys.executable).with_name("schema-lint")
if not SCHEMA_LINT.exists():
    SCHEMA_LINT = Path(shutil.which("schema-lint") or "schema-lint")
TIME_LIMIT = 60
NESTING = 3000
DEPTH_MESSAGE = "nesting deeper than 100 levels; the rest of this value is not checked"


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and character column of the n-th `needle` in LF-separated `text`."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


# Each maker writes its files and returns the findings they must produce:
# (path, line, column, code, the start of the message).
Finding = tuple[str, int, int, str, str]


def _line_ends(root: Path) -> Iterator[Finding]:
    text = (
        "// one\nmoesif.track('Ends', {\n  'first.key': 1,\n  note: `two\nlines`,\n"
        "  'second.key': 2,\n});\n"
    )
    for name, newline in (("crlf.js", "\r\n"), ("lone_cr.js", "\r")):
        write(root / "src" / name, text.replace("\n", newline))
        for key in ("'first.key'", "'second.key'"):
            yield (f"src/{name}", *where(text, key), "SL001", "key `")
    python = "import analytics\r\n\ranalytics.track('u', 'Ends', {\r\n    'py.key': 1})\n"
    write(root / "src" / "mixed_ends.py", python)
    yield ("src/mixed_ends.py", 4, 5, "SL001", "key `py.key`")


def _encodings(root: Path) -> Iterator[Finding]:
    text = "moesif.track('Bom', { 'bom.key': 1 });\n"
    write(root / "src" / "bom.js", codecs.BOM_UTF8 + text.encode())
    yield ("src/bom.js", *where(text, "'bom.key'"), "SL001", "key `bom.key`")
    text = "// Grüße\nmoesif.track('Sixteen', { 'über.key': 1, '😀.key': 2 });\n"
    for name, codec in (("utf16le.js", "utf-16-le"), ("utf16be.js", "utf-16-be")):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        write(root / "src" / name, bom + text.encode(codec))
        yield (f"src/{name}", *where(text, "'über.key'"), "SL001", "key `über.key`")
        yield (f"src/{name}", *where(text, "'😀.key'"), "SL001", "key `😀.key`")
    odd = codecs.BOM_UTF16_LE + "moesif.track".encode("utf-16-le") + b"\x00"
    write(root / "src" / "odd16.js", odd)
    yield ("src/odd16.js", 1, 1, "SL006", "cannot decode as UTF-16")
    write(root / "src" / "odd16_other.js", codecs.BOM_UTF16_LE + b"x\x00\x00")  # nothing of ours
    code = b"moesif.track('Bin', {'bin.key': 1});"
    write(root / "src" / "binary.js", code + b"\x00\x01\xff")
    yield ("src/binary.js", 1, len(code) + 1, "SL006", "binary file")
    write(root / "src" / "binary.py", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR analytics.track")
    yield ("src/binary.py", 3, 1, "SL006", "binary file")
    write(root / "src" / "image.py", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # nothing of ours
    write(root / "src" / "latin1.py", b"# caf\xe9\nanalytics.track('u', 'E', {'latin.key': 1})\n")
    yield ("src/latin1.py", 1, 6, "SL006", "not valid UTF-8")
    write(root / "src" / "latin1_other.py", b"# caf\xe9\nprint('no call here')\n")
    text = "# -*- coding: latin-1 -*-\n# café\nanalytics.track('u', 'É', {'é.clé': 1})\n"
    write(root / "src" / "latin1_cookie.py", text.encode("latin-1"))
    yield ("src/latin1_cookie.py", *where(text, "'é.clé'"), "SL001", "key `é.clé`")
    write(root / "examples" / "latin1.json", b'\r{"ok": 1,\r "caf\xe9": 2}')
    yield ("examples/latin1.json", 3, 6, "SL006", "not valid UTF-8")  # a lone CR ends line 1


def _long_line(root: Path) -> Iterator[Finding]:
    """900 KB on one line: a minified bundle, with non-ASCII keys so characters != bytes."""
    keys = ", ".join(f"'ключ{i}': {i}" for i in range(30_000))
    line = f"moesif.track('Minified', {{ {keys} }}); var pad = '{'é' * 100_000}';"
    line += "moesif.track('Tail', { 'tail.key': 1 });\n"
    assert 850_000 < len(line.encode()) < 1_000_000
    write(root / "src" / "minified.js", line)
    yield ("src/minified.js", *where(line, "'tail.key'"), "SL001", "key `tail.key`")
    write(root / "src" / "too_big.js", "moesif.track('Big', { 'big.key': 1 });\n" * 40_000)


def _huge_names(root: Path) -> Iterator[Finding]:
    """10 KB keys, paths and action names: messages must quote them cut short."""
    huge = "k" * 10_000
    text = (
        f"moesif.track('{'Huge Action ' * 1000}', {{ '{huge}.dot': 1, '{huge}': {{ x: 1 }} }});\n"
        f"moesif.track('{'huge_action_' * 1000}', {{ '{huge}': 'text', 'new\\nline.key': 1 }});\n"
    )
    write(root / "src" / "huge.js", text)
    yield ("src/huge.js", 1, where(text, f"'{huge}.dot'")[1], "SL001", "key `kkk")
    yield ("src/huge.js", 2, 14, "SL102", "action `huge_action_")
    yield ("src/huge.js", 2, where(text, f"'{huge}': 'text'")[1], "SL002", "`kkk")
    yield ("src/huge.js", *where(text, "'new\\nline.key'"), "SL001", "key `new\\nline.key`")


def _deep(root: Path) -> Iterator[Finding]:
    """3,000 levels: a nesting finding, never a RecursionError."""
    head = "moesif.track('Deep', { a: "
    text = head + "{ a: " * NESTING + "1" + " }" * NESTING + " });\n"
    text += "moesif.track('Deep', { b: " + "[" * NESTING + "]" * NESTING + ", 'after.deep': 1 });\n"
    text += "moesif.track(" + "(" * NESTING + "'Parens'" + ")" * NESTING + ", { 'par.en': 1 });\n"
    text += "const sum = " + "1 + " * NESTING + "1;\nmoesif.track('Sum', { sum, 'sum.key': 1 });\n"
    write(root / "src" / "deep.js", text)
    yield ("src/deep.js", 1, len(head) + 100 * len("{ a: ") + 1, "SL006", DEPTH_MESSAGE)
    for key in ("'after.deep'", "'par.en'", "'sum.key'"):
        yield ("src/deep.js", *where(text, key), "SL001", "key `")

    head = "analytics.track('u', 'Deep', {'a': "
    text = head + "{'a': " * NESTING + "1" + "}" * NESTING + "})\n"
    text += "analytics.track('u', 'Deep', {'b': " + "[" * NESTING + "]" * NESTING + "})\n"
    text += "analytics.track('u', 'Deep', {'c': " + "not " * NESTING + "x, 'py.deep': 1})\n"
    write(root / "src" / "deep.py", text)
    yield ("src/deep.py", 1, len(head) + 100 * len("{'a': ") + 1, "SL006", DEPTH_MESSAGE)
    yield ("src/deep.py", *where(text, "'py.deep'"), "SL001", "key `py.deep`")

    text = "const x: string" + "[]" * NESTING + " = load();\n"
    text += "const y: " + "Array<" * NESTING + "number" + ">" * NESTING + " = load();\n"
    text += "moesif.track('Types', { x, y, 'types.key': 1 });\n"
    write(root / "src" / "deep_types.ts", text)
    yield ("src/deep_types.ts", *where(text, "'types.key'"), "SL001", "key `types.key`")
    yield ("src/deep_types.ts", 1, len("const x: ") + 1, "SL006", "nesting deeper")

    text = '{"a": ' * NESTING + "1" + "}" * NESTING + "\n"
    write(root / "examples" / "deep.json", text)
    yield ("examples/deep.json", 1, 101 * len('{"a": ') + 1, "SL006", "nesting deeper")
    head = '{"action_name": "Deep", "metadata": '
    text = head + '{"a": ' * NESTING + "1" + "}" * (NESTING + 1) + "\n"
    write(root / "api" / "deep_payload.json", text)
    yield ("api/deep_payload.json", 1, len(head) + 100 * len('{"a": ') + 1, "SL006", "nesting")


def many_names(count: int) -> str:
    """Many names, each declared once: resolving them must not rescan the file per name."""
    text = "".join(f"const value{i} = {i};\n" for i in range(count))
    text += "moesif.track('Names', {\n"
    return (
        text + "".join(f"  key{i}: value{i},\n" for i in range(count)) + "  'names.key': 1,\n});\n"
    )


def _many_names(root: Path) -> Iterator[Finding]:
    text = many_names(2_000)
    write(root / "src" / "many_names.js", text)
    yield ("src/many_names.js", *where(text, "'names.key'"), "SL001", "key `names.key`")


def _links(root: Path, outside: Path) -> Iterator[Finding]:
    """Links that loop or lead out of the project: never followed out, never a hang."""
    write(outside / "secret.js", "moesif.track('Secret', { 'outside.key': 1 });\n")
    src = root / "src"
    (src / "loop_a.js").symlink_to("loop_b.js")
    (src / "loop_b.js").symlink_to("loop_a.js")
    (src / "self.js").symlink_to("self.js")
    (src / "dir_loop").symlink_to(".", target_is_directory=True)
    (src / "up").symlink_to("..", target_is_directory=True)
    (src / "outside.js").symlink_to(outside / "secret.js")
    (src / "outside_dir").symlink_to(outside, target_is_directory=True)
    (src / "dangling.js").symlink_to("nowhere.js")
    (src / "inside.js").symlink_to("computed.js")
    os.mkfifo(src / "pipe.js")
    write(src / "folder.js" / "inner.js", "moesif.track('Inner', { 'inner.key': 1 });\n")
    yield ("src/folder.js/inner.js", 1, 25, "SL001", "key `inner.key`")


def _committed() -> Iterator[Finding]:
    """The small files kept in tests/hostile/."""
    yield ("docs/unterminated_fence.md", 6, 26, "SL001", "key `fence.key`")
    yield ("examples/broken.json", 2, 1, "SL006", "invalid JSON")
    yield ("examples/empty.json", 1, 1, "SL006", "invalid JSON")
    yield ("src/as_const.ts", 2, 28, "SL001", "key `as.const`")
    yield ("src/as_const.ts", 3, 53, "SL001", "key `angle.bracket`")
    yield ("src/escapes.js", 2, 27, "SL001", "key `\ufffd.lone`")
    yield ("src/escapes.js", 2, 45, "SL001", "key `\ufffd.big`")
    yield ("src/escapes.js", 2, 68, "SL001", "key `😀.pair`")
    yield ("src/invalid_escapes.py", 2, 34, "SL001", "key `\\d.digit`")
    yield ("src/invalid_escapes.py", 2, 49, "SL001", "key `é.e`")
    yield ("src/laughs.js", 2, 14, "SL001", "key `laugh.key`")
    yield ("src/laughs.js", 14, 24, "SL006", "metadata too large")
    yield ("src/never_run.py", 9, 36, "SL001", "key `never.run`")
    yield ("src/non_ascii.js", 2, 34, "SL001", "key `ключ.два`")
    yield ("src/non_ascii.js", 2, 49, "SL001", "key `😀.x`")
    yield ("src/numeric_keys.js", 2, 73, "SL001", "key `2.5`")  # {2.50: x} is key "2.5"
    yield ("src/unterminated_string.js", 1, 1, "SL006", "cannot read this possible `moesif")
    # the parser's error node takes in the next call too: its metadata may be misread
    yield ("src/unterminated_string.js", 3, 3, "SL006", "cannot read the metadata of this")
    yield ("src/unterminated_string.js", 3, 27, "SL001", "key `after.string`")
    yield ("src/unterminated_template.ts", 2, 27, "SL001", "key `before.template`")
    # the template's error node ends before the next call: not a finding
    yield ("src/unterminated_template.ts", 5, 29, "SL001", "key `inside.template`")


def build(root: Path, outside: Path) -> list[Finding]:
    shutil.copytree(HOSTILE, root, symlinks=True)
    expected = [
        *_committed(),
        *_line_ends(root),
        *_encodings(root),
        *_long_line(root),
        *_huge_names(root),
        *_deep(root),
        *_many_names(root),
        *_links(root, outside),
    ]
    return sorted(expected)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Finding]]:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "project"
    return root, build(root, base / "outside")


def run(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[bytes], float]:
    # warnings shown, so that one printed while scanning (say, for a bad escape) fails the test
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "", "PYTHONWARNINGS": "default"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    start = time.monotonic()
    done = subprocess.run(
        [str(SCHEMA_LINT), "check", "--no-cache", *args],
        cwd=root,
        env=env,
        capture_output=True,
        timeout=TIME_LIMIT,
        stdin=subprocess.DEVNULL,
    )
    return done, time.monotonic() - start


@pytest.fixture(scope="module")
def report(hostile: tuple[Path, list[Finding]]) -> tuple[list[dict[str, Any]], str, float]:
    root, _ = hostile
    done, took = run(root, "--format", "json")
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    return json.loads(done.stdout), stderr, took


def test_the_run_ends_with_findings_not_a_crash(report: tuple[Any, str, float]) -> None:
    _, stderr, took = report
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert all(line.startswith("note: ") for line in stderr.splitlines()), stderr
    assert took < TIME_LIMIT


def test_every_expected_finding_is_reported(
    hostile: tuple[Path, list[Finding]], report: tuple[list[dict[str, Any]], str, float]
) -> None:
    _, expected = hostile
    found, _, _ = report
    reported = {(d["path"], d["line"], d["column"], d["code"]): d["message"] for d in found}
    missing = [f for f in expected if not reported.get(f[:4], "\0").startswith(f[4])]
    assert not missing, json.dumps(found, indent=1, ensure_ascii=False)[:20_000]


def test_nothing_else_is_reported(
    hostile: tuple[Path, list[Finding]], report: tuple[list[dict[str, Any]], str, float]
) -> None:
    _, expected = hostile
    found, _, _ = report
    wanted = {f[:4] for f in expected}
    # SL002/SL101 between the generated files are incidental; everything else must be expected
    extra = [
        d
        for d in found
        if (d["path"], d["line"], d["column"], d["code"]) not in wanted
        and d["code"] not in ("SL002", "SL101")
    ]
    assert not extra, json.dumps(extra, indent=1, ensure_ascii=False)[:20_000]


@pytest.mark.parametrize(
    "path",
    [
        "src/computed.js",
        "src/numeric_keys.js",
        "docs/ordinary.md",
        "src/empty.js",
        "src/blank.py",
        "src/odd16_other.js",
        "src/image.py",
        "src/latin1_other.py",
    ],
)
def test_harmless_files_give_no_findings(
    path: str, report: tuple[list[dict[str, Any]], str, float]
) -> None:
    found, _, _ = report
    codes = [d["code"] for d in found if d["path"] == path and d["code"] != "SL001"]
    if path == "src/numeric_keys.js":
        assert [d["message"] for d in found if d["path"] == path] == [
            "key `2.5` contains a dot: it is stored as `2_5`"
        ]
    assert codes == []


def test_messages_are_short_and_on_one_line(
    report: tuple[list[dict[str, Any]], str, float],
) -> None:
    found, _, _ = report
    for diagnostic in found:
        assert len(diagnostic["message"]) < 500, diagnostic["message"][:1000]
        assert "\n" not in diagnostic["message"] and "\r" not in diagnostic["message"]


def test_links_are_not_followed_out_of_the_project(
    report: tuple[list[dict[str, Any]], str, float],
) -> None:
    found, stderr, _ = report
    assert not any("outside" in d["message"] or "secret" in d["path"] for d in found)
    assert any(line.startswith("note: src/outside.js: skipped") for line in stderr.splitlines())
    paths = {d["path"] for d in found}
    assert not any(
        path.startswith(("src/dir_loop/", "src/up/", "src/outside_dir/")) for path in paths
    )


def test_files_over_the_size_limit_are_a_note(
    report: tuple[list[dict[str, Any]], str, float],
) -> None:
    found, stderr, _ = report
    assert "src/too_big.js: skipped" in stderr
    assert not any(d["path"] == "src/too_big.js" for d in found)


def test_scanned_code_is_never_executed(
    hostile: tuple[Path, list[Finding]], report: tuple[Any, str, float]
) -> None:
    root, _ = hostile
    assert not list(root.rglob("MARKER"))


_RUNS: dict[str, subprocess.CompletedProcess[bytes]] = {}


def run_format(root: Path, fmt: str) -> subprocess.CompletedProcess[bytes]:
    if fmt not in _RUNS:
        _RUNS[fmt] = run(root, "--format", fmt)[0]
    return _RUNS[fmt]


@pytest.mark.parametrize("fmt", ["text", "full", "sarif"])
def test_every_format_prints_the_hostile_findings(
    hostile: tuple[Path, list[Finding]], fmt: str
) -> None:
    root, _ = hostile
    done = run_format(root, fmt)
    assert done.returncode == 1, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    if fmt == "text":
        assert max(len(line) for line in lines) < 1_000


def test_full_format_prints_short_lines(hostile: tuple[Path, list[Finding]]) -> None:
    root, _ = hostile
    longest = max(run_format(root, "full").stdout.decode("utf-8").splitlines(), key=len)
    assert len(longest) < 1_000, longest[:300]


def test_a_file_deleted_after_listing_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root, symlinks=True)
    settings = load_settings([], None, root)
    found = discover(settings)
    gone = root / "src" / "non_ascii.js"
    gone.unlink()
    (root / "src" / "as_const.ts").write_bytes(b"moesif.track\x00")  # changed after listing
    scanned = scan_files(settings, found.files, use_cache=False)
    scans = {scan.path: scan for scan in scanned.scans}
    assert "src/non_ascii.js" not in scans
    assert [p.message for p in scans["src/as_const.ts"].problems] == [
        "binary file (contains NUL bytes)"
    ]
    assert scans["src/computed.js"].problems == ()


def _long_line_keys() -> str:
    return "moesif.track('E', {" + "".join(f"'é{i}': {i}, " for i in range(40_000)) + "});"


@pytest.mark.parametrize(
    ("language", "make"),
    [
        pytest.param("javascript", lambda: many_names(20_000), id="many-names"),
        pytest.param("javascript", _long_line_keys, id="long-line"),
        pytest.param(
            "python",
            lambda: "analytics.track('u', 'E', {'a': [" + "1, " * 300_000 + "]})",
            id="long-array",
        ),
        pytest.param(
            "typescript",
            lambda: "{ const x = 1; moesif.track('E', { x }); }\n" * 20_000,
            id="redeclared",
        ),
        pytest.param(
            "javascript", lambda: "moesif.track('E', { a: 1 b });\n" * 20_000, id="broken-calls"
        ),
        pytest.param("javascript", lambda: "<<<" * 100_000 + "track " * 20_000, id="one-error"),
    ],
)
def test_scanning_time_grows_linearly(language: str, make: Callable[[], str]) -> None:
    """Each of these took from half a minute to minutes while a step was quadratic.

    CPU time, not wall time: the other test worker and a busy machine must not fail it.
    """
    data = make().encode()
    start = time.process_time()
    scan = scan_file("big", language, data, CONTEXT, False)
    flatten_scans([scan])
    assert time.process_time() - start < 10
