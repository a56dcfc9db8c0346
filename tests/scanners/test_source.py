"""Decoding: only files that pass the prefilter are decoded, and Python's coding cookie counts."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan
from schema_lint.scan import _Triage
from schema_lint.scanners import candidate, scan_file
from schema_lint.scanners.source import coding_cookie
from tests.strategies import CONTEXT, load_profile

load_profile()

LATIN1 = "café, naïve, élan".encode("latin-1")


def problems(
    path: str, language: str, data: bytes, example: bool = False
) -> list[tuple[str, int, int]]:
    found = scan_file(path, language, data, CONTEXT, example)
    return [(p.message, p.span.line, p.span.column) for p in found.problems]


@pytest.mark.parametrize(
    ("path", "language", "data"),
    [
        ("a.py", "python", b"# " + LATIN1 + b"\nprint('tracked elsewhere')\n"),
        ("a.js", "javascript", b"// " + LATIN1 + b"\nexport const trackable = 1;\n"),
        ("a.json", "json", b'{"name": "' + LATIN1 + b'", "track": true}'),
        ("a.md", "markdown", b"We track " + LATIN1 + b"\n\n```sh\ntrack\n```\n"),
        ("a.js", "javascript", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff"),
        ("a.js", "javascript", codecs.BOM_UTF16_LE + b"x\x00\x00"),
    ],
    ids=["python", "javascript", "json", "markdown-prose", "binary", "odd-utf16"],
)
def test_a_file_with_nothing_of_ours_is_never_decoded(
    path: str, language: str, data: bytes
) -> None:
    assert scan_file(path, language, data, CONTEXT, False) == FileScan(path)


@pytest.mark.parametrize(
    ("path", "language", "data", "expected"),
    [
        (
            "a.py",
            "python",
            b"# " + LATIN1 + b"\nanalytics.track('u', 'E', {'a': 1})\n",
            ("not valid UTF-8 (invalid continuation byte)", 1, 6),
        ),
        (
            "a.js",
            "javascript",
            b"moesif.track('E', {a: 1});\0",
            ("binary file (contains NUL bytes)", 1, 27),
        ),
        (
            "a.md",
            "markdown",
            b"# " + LATIN1 + b"\n\n```js\nmoesif.track('E', {a: 1});\n```\n",
            ("not valid UTF-8 (invalid continuation byte)", 1, 6),
        ),
        (
            "a.js",
            "javascript",
            codecs.BOM_UTF16_LE + "moesif.track".encode("utf-16-le") + b"\x00",
            ("cannot decode as UTF-16: truncated data", 1, 1),
        ),
    ],
    ids=["python", "nul", "markdown-fence", "odd-utf16"],
)
def test_bad_bytes_in_a_candidate_stay_a_finding(
    path: str, language: str, data: bytes, expected: tuple[str, int, int]
) -> None:
    assert problems(path, language, data) == [expected]


def test_bad_bytes_in_an_examples_file_are_a_finding() -> None:
    assert problems("e.json", "json", b'{"a": "' + LATIN1 + b'"}', example=True) == [
        ("not valid UTF-8 (invalid continuation byte)", 1, 11)
    ]


@pytest.mark.parametrize(
    "head",
    [
        "# -*- coding: latin-1 -*-\n",
        "#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n",
        "\n# coding=latin1\n",
    ],
)
def test_a_coding_cookie_decodes_python_and_keeps_columns(head: str) -> None:
    text = head + "# café\nanalytics.track('u', 'Été', {'clé.é': 1, 'ü': 'naïve'})\n"
    found = scan_file("a.py", "python", text.encode("latin-1"), CONTEXT, False)
    assert found.problems == ()
    [occurrence] = found.occurrences
    assert occurrence.action == "Été"
    line = head.count("\n") + 2
    entries = [(e.key, e.span.line, e.span.column) for e in occurrence.metadata.entries]
    assert entries == [("clé.é", line, 30), ("ü", line, 42)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"# -*- coding: latin-1 -*-\n", "iso8859-1"),
        (b"#!/bin/python\n# coding: cp1252\n", "cp1252"),
        (b"# coding: utf8\n", "utf-8"),
        (b"import os\n# coding: latin-1\n", None),  # line 2 counts below a comment only
        (b"x = 1  # coding: latin-1\n", None),
        (b"# nothing\n\n# coding: latin-1\n", None),  # line 3 is too late
    ],
)
def test_coding_cookie(data: bytes, expected: str | None) -> None:
    assert coding_cookie(data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"# coding: klingon\nanalytics.track(a, b, {})\n", ("unknown encoding", 1, 1)),
        (b"# coding: rot13\nanalytics.track(a, b, {})\n", ("unknown encoding", 1, 1)),
        (
            b"# coding: cp1252\n# caf\xe9 \x81\nanalytics.track(a, b, {})\n",
            ("not valid cp1252", 2, 8),
        ),
    ],
)
def test_a_bad_coding_cookie_is_a_finding(data: bytes, expected: tuple[str, int, int]) -> None:
    [(message, line, column)] = problems("a.py", "python", data)
    assert (message.split(" (")[0][: len(expected[0])], line, column) == expected


def test_utf16_is_prefiltered_after_decoding() -> None:
    text = "moesif.track('Été', {'é.x': 1});\n"
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        found = scan_file("a.js", "javascript", bom + text.encode(codec), CONTEXT, False)
        [occurrence] = found.occurrences
        assert occurrence.metadata.entries[0].span.column == 22


_LANGUAGES = [("a.py", "python"), ("a.js", "javascript"), ("a.json", "json"), ("a.md", "markdown")]
_PIECES = [
    b"moesif.track('E', {a: 1});",
    b"analytics.track('u', 'E', {'a': 1})",
    b'{"action_name": "E", "metadata": {"a": 1}}',
    b"\n```js\nmoesif.track('E', {a: 1});\n```\n",
    b"\xe9",
    b"\x00",
    b"\r",
    b"\n",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    b"# coding: latin-1\n",
    b" track ",
]


@given(
    st.sampled_from(_LANGUAGES),
    st.lists(st.sampled_from(_PIECES) | st.binary(max_size=8), max_size=6).map(b"".join),
    st.booleans(),
)
def test_the_triage_agrees_with_the_scanner(
    file: tuple[str, str], data: bytes, example: bool
) -> None:
    """Whatever the bytes: no exception, no finding in a file that is no candidate, and the
    quick triage, when it answers, gives what the scanner gives."""
    path, language = file
    source = SourceFile(path, path, language, len(data), example)
    scanned = scan_file(path, language, data, CONTEXT, example)
    if not data.startswith(codecs.BOM_UTF16_LE) and not candidate(language, data, CONTEXT, example):
        assert scanned == FileScan(path)
    quick = _Triage(CONTEXT).quick_scan(source, data)
    assert quick is None or quick == scanned


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_markdown_fences_are_prefiltered_with_any_line_end(newline: str) -> None:
    text = newline.join(["# Doc", "```js", "moesif.track('E', {a: 1});", "```", ""])
    found = scan_file("a.md", "markdown", text.encode(), CONTEXT, False)
    assert [o.action for o in found.occurrences] == ["E"]
