from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.flatten import flatten
from schema_lint.model import Occurrence, Span
from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext, markdown, scan_file
from tests.conftest import copy_project, run_cli

CTX = ScanContext((*PRESETS["moesif"], *PRESETS["segment"]))
FIXTURE = Path(__file__).parents[2] / "fixtures" / "moesif-docs"
CALL_UNREADABLE = "cannot read the metadata of this `moesif.track` call: unexpected `...`"

Summary = tuple[str | None, tuple[int, int] | None, list[tuple[str, str, int, int]]]


def summarize(occurrence: Occurrence) -> Summary:
    span = occurrence.action_span
    rows = [(r.path, r.type, r.span.line, r.span.column) for r in flatten(occurrence, "f", "split")]
    return occurrence.action, (span.line, span.column) if span else None, rows


def scan(text: str, example: bool = False) -> list[Summary]:
    occurrences, problems = markdown.scan(text.encode(), CTX, example)
    assert problems == []
    return [summarize(o) for o in occurrences]


MIXED = """\
# Tracking

```js
moesif.track('Clicked', {a: 1});
```

```typescript
analytics.track('Typed', {b: 'x' as string});
```

```tsx
moesif.track('Rendered', {c: <b/>, d: true});
```

``` python title="server.py"
analytics.track(user_id, event='Served', properties={'e': 1.5})
```

```json
{"action_name": "Posted", "metadata": {"f": null}}
```

```bash
moesif.track('Ignored', {g: 1})
```
"""
INDENTED = """\
1. Install

   ```js
   moesif.track('Indented', {plan: 'pro'});
   ```
"""
TILDES = """\
~~~~ js
moesif.track('Inner', {x: 1});
~~~
moesif.track('Still inside', {y: 2});
~~~~~

```js
moesif.track('After', {z: 3});
```
"""
UNTERMINATED = """\
Text

```js
moesif.track('Open', {open: true});
"""
NOT_A_FENCE = """\
Inline ```js moesif.track('x', {a: 1})``` is not a fence.

    ```js
    moesif.track('Indented code', {b: 1});
    ```
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(MIXED, [
            ("Clicked", (4, 14), [("a", "integer", 4, 26)]),
            ("Typed", (8, 17), [("b", "string", 8, 27)]),
            ("Rendered", (12, 14), [("c", "unknown", 12, 27), ("d", "boolean", 12, 36)]),
            ("Served", (16, 32), [("e", "float", 16, 54)]),
            ("Posted", (20, 17), [("f", "null", 20, 40)]),
        ], id="mixed-fences"),
        pytest.param(INDENTED, [("Indented", (4, 17), [("plan", "string", 4, 30)])], id="indented"),
        pytest.param(TILDES, [
            ("Inner", (2, 14), [("x", "integer", 2, 24)]),
            ("Still inside", (4, 14), [("y", "integer", 4, 31)]),
            ("After", (8, 14), [("z", "integer", 8, 24)]),
        ], id="tildes-close-on-a-long-enough-fence"),
        pytest.param(UNTERMINATED, [("Open", (4, 14), [("open", "boolean", 4, 23)])],
                     id="unterminated-runs-to-the-end"),
        pytest.param(NOT_A_FENCE, [], id="inline-code-and-indented-code"),
        pytest.param("No fences here: moesif.track('x', {a: 1})", [], id="no-fence"),
        pytest.param('```json\n{"a.b": 1}\n```\n', [], id="bare-metadata-not-an-example"),
        pytest.param('```json\n{"action_name": "x", "metadata": {"a": 1},}\n```\n', [],
                     id="invalid-json-not-an-example"),
        pytest.param("```js\nmoesif.track('x', {a: 1, ...});\n```\n",
                     [("x", (2, 14), [("a", "integer", 2, 20)])], id="placeholder-not-an-example"),
    ],
)
def test_fences(text: str, expected: list[Summary]) -> None:
    assert scan(text) == expected


EXAMPLES = """\
An example:

```json
{"plan": "pro"}
```

A list of examples, with comments:

  ```jsonc
  // two examples
  [{"seats": 3,}, {"trial": false}]
  ```

A payload:

```json
{"action_name": "Paid", "metadata": {"amount": 9.5}}
```
"""


def test_example_markdown_reads_every_json_fence_as_an_example() -> None:
    assert scan(EXAMPLES, example=True) == [
        (None, None, [("plan", "string", 4, 2)]),
        (None, None, [("seats", "integer", 11, 5)]),
        (None, None, [("trial", "boolean", 11, 20)]),
        ("Paid", (17, 17), [("amount", "float", 17, 38)]),
    ]


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('Text\n\n```json\n{"a": 1,}\n```\n', "invalid JSON: expecting property name "
         "enclosed in double quotes", (4, 9)),
        ("```json\n  // not JSON\n{}\n```\n", "invalid JSON: expecting value", (2, 3)),
        (" ```json\n {\n  \"a\": }\n ```\n", "invalid JSON: expecting value", (3, 8)),
        ("```json\n```\n", "invalid JSON: expecting value", (2, 1)),
        ("```js\nmoesif.track('x', {a: 1, ...});\n```\n", CALL_UNREADABLE, (2, 1)),
        ("  ```js\n  moesif.track('x', {a: 1, ...});\n  ```\n", CALL_UNREADABLE, (2, 3)),
        (
            "Text\n\n```js\nmoesif.track('x', {a: 1\n```\n",
            "cannot read this possible `moesif.track` call: unexpected end of the code block",
            (4, 1),
        ),
    ],
)
def test_problems_in_example_markdown(text: str, message: str, position: tuple[int, int]) -> None:
    _, problems = markdown.scan(text.encode(), CTX, True)
    assert [(p.message, (p.span.line, p.span.column)) for p in problems] == [(message, position)]
    _, problems = markdown.scan(text.encode(), CTX, False)
    assert problems == []  # snippets in ordinary docs are often incomplete on purpose


def test_syntax_errors_away_from_calls_are_not_problems_even_in_examples() -> None:
    text = "```ts\nconst total = ...;\nmoesif.track('x', {a: 1});\n```\n"
    found, problems = markdown.scan(text.encode(), CTX, True)
    assert problems == []
    assert [o.action for o in found] == ["x"]


def test_crlf_markdown_keeps_lines() -> None:
    data = b"# T\r\n\r\n```js\r\nmoesif.track('x', {a: 1});\r\n```\r\n"
    [occurrence], _ = markdown.scan(data, CTX, False)
    assert occurrence.metadata.entries[0].span == Span(4, 20, 4, 21)


@pytest.mark.parametrize(
    ("text", "key_line"),
    [
        ("```js\n<!-- schema-lint: ignore[SL001] -->\nmoesif.track('x', {'a.b': 1});\n```\n", 3),
        ("```jsonc\n{\"action_name\": \"x\", \"metadata\": {\n  // schema-lint: ignore[SL001]\n"
         "  \"a.b\": 1}}\n```\n", 4),
    ],
)
def test_suppression_comments_inside_fences(text: str, key_line: int) -> None:
    found = scan_file("docs/x.md", "markdown", text.encode(), CTX, False)
    [occurrence] = found.occurrences
    assert occurrence.metadata.entries[0].span.line == key_line
    assert (key_line, ("SL001",)) in found.suppressions


def test_moesif_docs_fixture(tmp_path: Path) -> None:
    project = copy_project(FIXTURE, tmp_path / "project")
    result = run_cli(["check", "--format", "json", "--no-cache"], project)
    diagnostics = json.loads(result.stdout)
    found = [(d["code"], d["path"], d["line"], d["column"], d["key"]) for d in diagnostics]
    assert found == [
        ("SL002", "docs/metadata.md", 52, 5, "some_string"),
        ("SL001", "docs/metadata.md", 61, 3, "so_me_str_ing"),
        ("SL001", "docs/metadata.md", 62, 3, "some_int"),
    ]
    assert result.exit_code == 1


_MARKDOWNISH = st.lists(st.sampled_from([b"`", b"~", b" ", b"\t", b"\n", b"\r", b"a", b"js"])).map(
    b"".join
)


@given(_MARKDOWNISH, st.integers(0, 40))
def test_openings_are_found_as_the_regular_expression_finds_them(data: bytes, pos: int) -> None:
    found = markdown._opening(data, pos)
    match = markdown.OPENING.search(data, pos)
    if match is None:
        assert found is None
    else:
        assert found is not None
        assert (found.start, found.end, found.indent, found.fence, found.info) == (
            match.start(),
            match.end(),
            *match.groups(),
        )


@given(_MARKDOWNISH, st.sampled_from([b"```", b"````", b"~~~"]), st.integers(0, 40))
def test_closings_are_found_as_the_regular_expression_finds_them(
    data: bytes, fence: bytes, pos: int
) -> None:
    pos = data.rfind(b"\n", 0, pos) + 1  # a closing is looked for from a line's start
    found = markdown._closing(data, fence, pos)
    match = markdown.closing_pattern(fence).search(data, pos)
    expected = (match.start(), match.end()) if match else None
    assert ((found.start, found.end) if found else None) == expected


def _fences_by_regex(data: bytes) -> list[tuple[str, bytes, int, int]]:
    """`markdown.fences` as the regular expressions read it (the way it was first written)."""
    found: list[tuple[str, bytes, int, int]] = []
    pos = line_pos = 0
    line = 1
    while (opening := markdown.OPENING.search(data, pos)) is not None:
        indent, fence, info = opening.groups()
        pos = opening.end()
        if fence.startswith(b"`") and b"`" in info:
            continue
        line += data.count(b"\n", line_pos, opening.start())
        line_pos = opening.start()
        start = opening.end() + 1
        closing = markdown.closing_pattern(fence).search(data, start)
        end = closing.start() if closing else len(data)
        body, pos = data[start:end], closing.end() if closing else len(data)
        width = len(indent)
        lines = [markdown._dedent(raw, width) for raw in body.split(b"\n")]
        content = b"\n".join(lines) if width else body
        words = info.split()
        word = words[0].decode("utf-8", "replace").lower() if words else ""
        found.append((word, content, line, len(indent)))
    return found


@given(_MARKDOWNISH)
def test_fences_are_read_as_the_regular_expressions_read_them(data: bytes) -> None:
    assert markdown.fences(data) == _fences_by_regex(data)
