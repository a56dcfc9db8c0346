"""Fuzzing the scanners: generated metadata literals must come back exactly, garbage must not
raise.

1. Round trips: a random metadata tree is printed as JS, TS, TSX, Python or JSON (random
   quoting, escapes, comments, line ends, encodings, Markdown fences); the scanner must recover
   exactly the printed keys, paths, types, lines and columns.
2. Garbage: random bytes and random token soup in every language go through `scan_file` and
   every rule; nothing may raise, positions must lie inside the file, and messages stay short
   and printable.

CI runs the `ci` profile (a bounded number of examples, well under a minute). A long campaign:

    HYPOTHESIS_PROFILE=long pytest tests/test_fuzz.py   # 20,000 examples per test

A failure prints a `@reproduce_failure` blob; the `long` profile also keeps failing examples
in `.hypothesis/` so that the next run tries them first.
"""

from __future__ import annotations

import codecs
import json
import random
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.flatten import flatten_scans
from schema_lint.languages import BY_NAME
from schema_lint.model import FileScan
from schema_lint.rules import RULES
from schema_lint.rules.base import RuleContext
from schema_lint.scanners import scan_file
from tests.strategies import (
    CONTEXT,
    NEWLINES,
    PRINTERS,
    Printed,
    Tree,
    load_profile,
    metadata,
    render,
)

load_profile()

CODE_LANGUAGES = ("javascript", "typescript", "tsx", "python")
FENCES = {language: BY_NAME[language].fences[0] for language in PRINTERS}
MAX_MESSAGE = 500


def _rows(printed: Printed, path: str, language: str, data: bytes) -> list[tuple[Any, ...]]:
    scan = scan_file(path, language, data, CONTEXT, False)
    assert not scan.problems, (scan.problems, printed.text)
    return sorted(
        (row.entry.key, row.key, row.path, row.type, *row.span[:2])
        for row in flatten_scans([scan], "json")
    )


def _expected(printed: Printed, line_offset: int = 0, column_offset: int = 0) -> list[Any]:
    return sorted(
        (e.raw_key, e.key, e.path, e.type, e.line + line_offset, e.column + column_offset)
        for e in printed.expected
    )


@given(
    tree=metadata(),
    language=st.sampled_from(list(PRINTERS)),
    newline=st.sampled_from(NEWLINES),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]),
    rnd=st.randoms(use_true_random=False),
)
def test_printed_keys_come_back_exactly(
    tree: Tree, language: str, newline: str, encoding: str, rnd: random.Random
) -> None:
    printed = render(language, tree, rnd, newline)
    printed.encoding = encoding
    path = f"ev{printed.suffix}"
    assert _rows(printed, path, language, printed.data) == _expected(printed), printed.text


@given(
    tree=metadata(depth=2),
    language=st.sampled_from(list(PRINTERS)),
    newline=st.sampled_from(NEWLINES),
    before=st.lists(st.sampled_from(["# Title", "", "Text `inline`", "~~~", "```"]), max_size=3),
    indent=st.integers(0, 3),
    rnd=st.randoms(use_true_random=False),
)
def test_keys_in_markdown_fences_keep_their_file_positions(
    tree: Tree,
    language: str,
    newline: str,
    before: list[str],
    indent: int,
    rnd: random.Random,
) -> None:
    printed = render(language, tree, rnd)
    # an unclosed fence in the text before would swallow ours: close what was opened
    prose = [line for line in before if not line.startswith(("~~~", "```"))]
    body = [" " * indent + line for line in printed.text.split("\n")]
    lines = [*prose, " " * indent + "```" + FENCES[language], *body, " " * indent + "```", ""]
    data = newline.join(lines).encode("utf-8")
    found = _rows(printed, "README.md", "markdown", data)
    assert found == _expected(printed, len(prose) + 1, indent), data


@pytest.mark.parametrize("language", ["javascript", "python"])
@given(tree=metadata(depth=2), rnd=st.randoms(use_true_random=False))
def test_split_numbers_follow_each_language(language: str, tree: Tree, rnd: random.Random) -> None:
    """JS `1.0` serialises as `1` (an integer); Python `1.0` stays a float."""
    printed = render(language, tree, rnd)
    scan = scan_file(f"ev{printed.suffix}", language, printed.data, CONTEXT, False)
    by_place = {row.span[:2]: row.type for row in flatten_scans([scan], "split")}
    for entry in printed.expected:
        value = entry.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            if language == "python":
                want = "integer" if isinstance(value, int) else "float"
            else:
                want = "integer" if float(value).is_integer() else "float"
            if str(value).startswith("-"):
                want = "number"  # a unary minus: typed as arithmetic
            assert by_place[(entry.line, entry.column)] == want, printed.text


# -- garbage ---------------------------------------------------------------------------------------

# fmt: off
_TOKENS = {
    "js": [
        "moesif", ".", "track", "(", ")", "{", "}", "[", "]", "'", '"', "`", "\\", ":", ",",
        "...", "'a.b'", "a.b", "1", "1.0", "0x1F", "1e400", "null", "undefined", "=>", "function",
        "const", "x", "=", ";", "\n", "\r", "\r\n", "/*", "*/", "//", "as", "<", ">", "satisfies",
        "action_name", "metadata", "getMetadata", "return", "${", "\\u{", "\\ud83d", "é", "😀",
        "?.", "!", "+", "-", "updateUser", "identifyUser", " ", "\t", "<div>", "</div>", "?",
        "async", "await", "class", "#", "'\\", "new Date()", "String(x)", "[k]", "\u2028", "\ufeff",
    ],
    "python": [
        "analytics", ".", "track", "(", ")", "{", "}", "[", "]", "'", '"', "'''", '"""', "\\",
        ":", ",", "**", "*", "'a.b'", "f'", "b'", "r'", "1", "1.0", "1j", "None", "True", "lambda",
        "def", "x", "=", "\n", "\r", "\r\n", "    ", "#", "action_name", "metadata",
        "GET_METADATA", "return", "{x}", "\\N{", "\\x", "é", "😀", "dict(", "a=", "if", "else",
        "not", "and", " ", "\t", "'u'", "'Ev'", "properties=", "event=", "\\\n", "\u2028",
    ],
    "json": [
        "{", "}", "[", "]", '"', '"action_name"', '"metadata"', ":", ",", '"Ev"', '"a.b"', "1",
        "-", "1.5e3", "true", "null", "\\", "\\u", "\\ud800", " ", "\n", "\r", "/*", "*/", "//",
        "é", "😀", "\u2028", "\ufeff", "0", "e", "+",
    ],
    "markdown": ["```js\n", "```py\n", "```json\n", "~~~ts\n", "```\n", "    ", "> ", "- "],
    "server": [
        "client", ".", "Track", "(", ")", "{", "}", "[", "]", "'", '"', "`", "\\", ":", ",", "=>",
        "map[string]any", "[]any", "nil", "null", "1", "1.5", "0x1F", "x", ":=", "$x", "->", "::",
        "<?php", "?>", "'a.b'", '"a.b"', "action_name", "metadata", ":sym", "#{", "$", "\n",
        "\r", "#", "//", "/*", "*/", "array(", "**", "...", "é", "😀", "\\u{", "\\U", " ",
    ],
    "component": [
        "<script>", "<script lang=\"ts\">", "</script>", "---\n", "<template>", "</template>",
        "moesif.track('E', {", "})", "'a.b': 1", "{", "}", "<", ">", "\n", "é", "<!--", "-->",
    ],
}
# fmt: on
_LANGUAGES = {
    "javascript": "js",
    "typescript": "js",
    "tsx": "js",
    "python": "python",
    "go": "server",
    "ruby": "server",
    "php": "server",
    "json": "json",
    "markdown": "markdown",
    "vue": "component",
    "svelte": "component",
    "astro": "component",
}
_SUFFIXES = {language: BY_NAME[language].suffixes[0] for language in _LANGUAGES}


def _soup(language: str) -> st.SearchStrategy[bytes]:
    vocabulary = _TOKENS[_LANGUAGES[language]]
    if language == "markdown":
        vocabulary = vocabulary + _TOKENS["js"] + _TOKENS["python"] + _TOKENS["json"]
    if language in ("vue", "svelte", "astro"):
        vocabulary = vocabulary + _TOKENS["js"]
    tokens = st.one_of(st.sampled_from(vocabulary), st.text(max_size=3))
    return st.lists(tokens, max_size=60).map(lambda parts: "".join(parts).encode("utf-8"))


def _garbage(language: str) -> st.SearchStrategy[bytes]:
    return st.one_of(_soup(language), st.binary(max_size=200))


def _lines(data: bytes) -> int:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
    else:
        text = data.decode("utf-8", "replace")
    return len(re.findall(r"\r\n|\r|\n", text)) + 1


def _check_scan(scan: FileScan, data: bytes) -> None:
    lines = _lines(data)
    rows = flatten_scans([scan])
    spans = [row.span for row in rows] + [problem.span for problem in scan.problems]
    for span in spans:
        assert 1 <= span.line <= span.end_line <= lines, (span, data)
        assert span.column >= 1 and span.end_column >= 1, (span, data)
    context = RuleContext(
        scans=[scan],
        rows=rows,
        locked=lambda namespace, key: "string" if key == "a_b" else None,
        locked_keys=lambda namespace: ["a_b"],
        lockfile="schema-lint.lock.yaml",
        numbers="json",
    )
    for rule in RULES.values():
        for diagnostic in rule.check(context):
            assert len(diagnostic.message) < MAX_MESSAGE
            assert "\n" not in diagnostic.message
            json.dumps(diagnostic.message, ensure_ascii=False).encode("utf-8")
    for row in rows:
        (row.key + row.path + row.type).encode("utf-8")  # printable: no lone surrogates


@pytest.mark.parametrize("language", list(_LANGUAGES))
@given(data=st.data())
def test_garbage_never_raises(language: str, data: st.DataObject) -> None:
    raw = data.draw(_garbage(language))
    example = data.draw(st.booleans())
    for blob in (raw, b"\xef\xbb\xbf" + raw, raw.replace(b"\n", b"\r\n")):
        scan = scan_file(f"g{_SUFFIXES[language]}", language, blob, CONTEXT, example)
        _check_scan(scan, blob)


@pytest.mark.parametrize("language", list(_LANGUAGES))
@given(data=st.data())
def test_garbage_around_a_valid_call_never_raises(language: str, data: st.DataObject) -> None:
    printer_language = language if language in PRINTERS else "javascript"
    tree = data.draw(metadata(depth=2))
    printed = render(printer_language, tree, data.draw(st.randoms(use_true_random=False)))
    text = printed.data
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(_garbage(language))
    for blob in (text[:cut] + junk + text[cut:], text[:cut], junk + text):
        scan = scan_file(f"g{_SUFFIXES[language]}", language, blob, CONTEXT, True)
        _check_scan(scan, blob)
