from __future__ import annotations

import pytest

from schema_lint.flatten import flatten
from schema_lint.model import Occurrence, Problem, Span
from schema_lint.scanners import ScanContext, json_, scan_file

CTX = ScanContext(())
DEPTH = "nesting deeper than 100 levels; the rest of this value is not checked"

Summary = tuple[str | None, tuple[int, int] | None, list[tuple[str, str, int, int]]]


def summarize(occurrence: Occurrence) -> Summary:
    """(action, its position, [(key path, type, line, column)]) of one occurrence."""
    span = occurrence.action_span
    rows = [(r.path, r.type, r.span.line, r.span.column) for r in flatten(occurrence, "f", "split")]
    return occurrence.action, (span.line, span.column) if span else None, rows


def scan(text: str, example: bool = False, path: str = "f.json") -> list[Summary]:
    occurrences, problems = json_.scan(text.encode(), CTX, example, path)
    assert problems == []
    return [summarize(o) for o in occurrences]


PAYLOAD = """\
{
  "action_name": "Clicked Sign Up",
  "user_id": "u1",
  "request": {"time": "2024-01-01", "uri.path": "/x"},
  "metadata": {
    "button_label": "Get Started",
    "some.count": 2,
    "tags": ["a", "b"],
    "owner": {"plan": null, "seats": 1.5}
  }
}
"""
BATCH = """[
  {"action_name": "A", "metadata": {"a": 1}},
  {"action_name": "B", "metadata": {"b": true}}
]"""
NESTED = '{"requests": {"batch": [{"body": {"action_name": "N", "metadata": {"n": 1}}}]}}'
MINIFIED = '{"user_id":"u","action_name":"Min","metadata":{"a.b":1,"c":{"d":"x"},"e":[{"f":0}]}}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(PAYLOAD, [("Clicked Sign Up", (2, 18), [
            ("button_label", "string", 6, 5),
            ("some.count", "integer", 7, 5),
            ("tags", "array<string>", 8, 5),
            ("owner", "object", 9, 5),
            ("owner.plan", "null", 9, 15),
            ("owner.seats", "float", 9, 29),
        ])], id="payload"),
        pytest.param(BATCH, [
            ("A", (2, 19), [("a", "integer", 2, 37)]),
            ("B", (3, 19), [("b", "boolean", 3, 37)]),
        ], id="batch"),
        pytest.param(NESTED, [("N", (1, 50), [("n", "integer", 1, 68)])], id="nested"),
        pytest.param(MINIFIED, [("Min", (1, 30), [
            ("a.b", "integer", 1, 48),
            ("c", "object", 1, 56),
            ("e", "array<object>", 1, 70),
            ("c.d", "string", 1, 61),
            ("e[].f", "integer", 1, 76),
        ])], id="minified"),
        pytest.param(
            '{"action_name":"Größe","metadata":{"größe":"x","ключ":1,"日本":true}}',
            [("Größe", (1, 16), [
                ("größe", "string", 1, 36), ("ключ", "integer", 1, 48), ("日本", "boolean", 1, 57),
            ])],
            id="non-ascii-character-columns",
        ),
        pytest.param(
            r'{"action_name":"E","metadata":{"a\"b":1,"\u00e9.t":2,"\ud83d\ude00":3,"z":4}}',
            [("E", (1, 16), [
                ('a"b', "integer", 1, 32), ("é.t", "integer", 1, 41),
                ("\N{GRINNING FACE}", "integer", 1, 54), ("z", "integer", 1, 71),
            ])],
            id="escaped-keys",
        ),
        pytest.param(
            '{"action_name":"N","metadata":{"i":1.0,"e":1e3,"z":-0,"f":0.5,"g":2.5e-1}}',
            [("N", (1, 16), [
                ("i", "integer", 1, 32), ("e", "integer", 1, 40), ("z", "integer", 1, 48),
                ("f", "float", 1, 55), ("g", "float", 1, 63),
            ])],
            id="numbers-like-javascript",
        ),
        pytest.param(
            '{"action_name": "A", "metadata": {"x": 1}, "metadata": {"y": 2}}',
            [("A", (1, 17), [("y", "integer", 1, 57)])],
            id="last-repeated-key-wins",
        ),
    ],
)
def test_payloads(text: str, expected: list[Summary]) -> None:
    assert scan(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"compilerOptions": {"strict": true, "a.b": 1}}', id="config"),
        pytest.param('{"action_name": "x"}', id="no-metadata"),
        pytest.param('{"action_name": 1, "metadata": {"a": 1}}', id="action-not-a-string"),
        pytest.param('{"action_name": "x", "metadata": [{"a": 1}]}', id="metadata-not-an-object"),
        pytest.param('{"action_name": "x", "metadata": null}', id="metadata-null"),
        pytest.param('{"name": "action_name", "metadata": {"a": 1}}', id="name-only-in-a-value"),
        pytest.param('{"action_name": "x", "metadata": {"a": 1},}', id="invalid-not-an-example"),
        pytest.param('{"a.b": 1}', id="bare-metadata-not-an-example"),
    ],
)
def test_not_ours(text: str) -> None:
    assert json_.scan(text.encode(), CTX, False, "f.json") == ([], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('{\n  "plan": "pro",\n  "seats": 3\n}', [
            (None, None, [("plan", "string", 2, 3), ("seats", "integer", 3, 3)]),
        ], id="object"),
        pytest.param('[{"a": 1},\n 2,\n {"b": "x"}, []]', [
            (None, None, [("a", "integer", 1, 3)]),
            (None, None, [("b", "string", 3, 3)]),
        ], id="array-of-objects"),
        pytest.param('{"action_name": "P", "user_id": "u", "metadata": {"m": 1}}', [
            ("P", (1, 17), [("m", "integer", 1, 51)]),
        ], id="example-that-is-a-payload"),
        pytest.param('[{"action_name": "P", "metadata": {"m": 1}}, {"k": "v"}]', [
            ("P", (1, 18), [("m", "integer", 1, 36)]),
            (None, None, [("k", "string", 1, 47)]),
        ], id="example-array-with-a-payload"),
        pytest.param('{"inner": {"action_name": "P", "metadata": {"m": 1}}}', [
            (None, None, [
                ("inner", "object", 1, 2), ("inner.action_name", "string", 1, 12),
                ("inner.metadata", "object", 1, 32), ("inner.metadata.m", "integer", 1, 45),
            ]),
        ], id="payload-inside-an-example-is-not-counted-twice"),
        pytest.param('"text"', [], id="scalar-document"),
    ],
)
def test_examples(text: str, expected: list[Summary]) -> None:
    assert scan(text, example=True) == expected


@pytest.mark.parametrize(
    ("text", "path", "message", "position"),
    [
        ('{"a": 1,\n "b": }', "f.json", "expecting value", (2, 7)),
        ('{"a" 1}', "f.json", "expecting ':' delimiter", (1, 6)),
        ('{"a": 1 "b": 2}', "f.json", "expecting ',' or '}'", (1, 9)),
        ("[1, 2", "f.json", "expecting ',' or ']'", (1, 6)),
        ("{'a': 1}", "f.json", "expecting property name enclosed in double quotes", (1, 2)),
        ('{"a": 1,}', "f.json", "expecting property name enclosed in double quotes", (1, 9)),
        ("[1, 2,]", "f.json", "expecting value", (1, 7)),
        ('{"a": NaN}', "f.json", "expecting value", (1, 7)),
        ('{"a": "x\ny"}', "f.json", "invalid control character in string", (1, 9)),
        ('{"a": "\\q"}', "f.json", "invalid escape in string", (1, 8)),
        ('{"é": "unterminated}', "f.json", "unterminated string", (1, 7)),
        ("{} []", "f.json", "extra data after the document", (1, 4)),
        ("", "f.json", "expecting value", (1, 1)),
        ('// note\n{"a": 1}', "f.json", "expecting value", (1, 1)),
        ('{"a": 1} /* open', "f.jsonc", "unterminated comment", (1, 10)),
    ],
)
def test_invalid_example(text: str, path: str, message: str, position: tuple[int, int]) -> None:
    line, column = position
    occurrences, problems = json_.scan(text.encode(), CTX, True, path)
    assert occurrences == []
    assert [(p.message, p.span) for p in problems] == [
        (f"invalid JSON: {message}", Span(line, column, line, column))
    ]


JSONC = """// an API payload
{
  "action_name": "C", /* inline */
  "metadata": {
    "a": 1, // trailing comment
    "b": [1, 2,],
  },
}
"""


def test_jsonc_allows_comments_and_trailing_commas() -> None:
    assert scan(JSONC, path="f.jsonc") == [
        ("C", (3, 18), [("a", "integer", 5, 5), ("b", "array<integer>", 6, 5)])
    ]
    assert json_.scan(JSONC.encode(), CTX, False, "f.json") == ([], [])


def test_dispatch_tells_jsonc_from_json() -> None:
    data = b'{"a": 1, // why\n}'
    assert scan_file("x.jsonc", "json", data, CTX, True).problems == ()
    assert [p.message for p in scan_file("x.json", "json", data, CTX, True).problems] == [
        "invalid JSON: expecting property name enclosed in double quotes"
    ]


def test_entry_spans() -> None:
    data = '{"action_name": "A",\n "metadata": {"so.me": "v", "n": 1}}'
    [occurrence], _ = json_.scan(data.encode(), CTX, False)
    assert occurrence.metadata.span == Span(2, 14, 2, 36)
    first, second = occurrence.metadata.entries
    assert first.key == "so.me"
    assert (first.span, first.name_span) == (Span(2, 15, 2, 22), Span(2, 16, 2, 21))
    assert first.value.span == Span(2, 24, 2, 27)
    assert (second.span, second.name_span) == (Span(2, 29, 2, 32), Span(2, 30, 2, 31))
    assert occurrence.action_span == Span(1, 17, 1, 20)


def test_crlf_lines() -> None:
    data = b'{\r\n"action_name": "A",\r\n"metadata": {\r\n  "k": 1}}'
    [occurrence], _ = json_.scan(data, CTX, False)
    assert occurrence.metadata.entries[0].span == Span(4, 3, 4, 6)


def test_deep_example_gives_one_problem() -> None:
    data = b"[" * 3000 + b"]" * 3000
    assert json_.scan(data, CTX, True) == ([], [Problem(DEPTH, Span(1, 102, 1, 102))])


def test_deep_metadata_is_unknown_below_the_limit() -> None:
    head = '{"action_name": "A", "metadata": '
    data = (head + '{"a": ' * 3000 + "1" + "}" * 3001).encode()
    [occurrence], problems = json_.scan(data, CTX, False)
    deep_column = len(head) + 1 + 6 * 100
    assert [(p.message, p.span) for p in problems] == [
        (DEPTH, Span(1, deep_column, 1, deep_column))
    ]
    types = [row.type for row in flatten(occurrence, "f")]
    assert len(types) == 100
    assert types[-1] == "unknown" and set(types[:-1]) == {"object"}


def test_deep_value_outside_metadata_is_not_reported() -> None:
    data = b'{"action_name": "A", "metadata": {"a": 1}, "x": ' + b"[" * 200 + b"]" * 200 + b"}"
    occurrences, problems = json_.scan(data, CTX, False)
    assert len(occurrences) == 1
    assert problems == []


PROPERTY_NAME = "expecting property name enclosed in double quotes"


@pytest.mark.parametrize(
    ("text", "path", "message", "position"),
    [
        ("[,1]", "f.json", "expecting value", (1, 2)),
        ("[1,,2]", "f.json", "expecting value", (1, 4)),
        ('{"a": 1,, "b": 2}', "f.json", PROPERTY_NAME, (1, 9)),
        ('{"a": 1, 2}', "f.json", PROPERTY_NAME, (1, 10)),
        ('["a": 1]', "f.json", "expecting ',' or ']'", (1, 5)),
        ('"a": 1', "f.json", "extra data after the document", (1, 4)),
        ("{} , 1", "f.json", "extra data after the document", (1, 4)),
        ('{"a"  \n  1}', "f.json", "expecting ':' delimiter", (2, 3)),
        ('{"a":\n\n  1 "b"}', "f.json", "expecting ',' or '}'", (3, 5)),
        ('{"a": 01}', "f.json", "expecting ',' or '}'", (1, 8)),
        ("[1.]", "f.json", "expecting ',' or ']'", (1, 3)),
        ("[-]", "f.json", "expecting value", (1, 2)),
        ("[tru]", "f.json", "expecting value", (1, 2)),
        ('{"a" /* x', "f.jsonc", "unterminated comment", (1, 6)),
        ("[1, // c\n /* open", "f.jsonc", "unterminated comment", (2, 2)),
    ],
)
def test_invalid_example_around_commas_colons_and_numbers(
    text: str, path: str, message: str, position: tuple[int, int]
) -> None:
    line, column = position
    assert json_.scan(text.encode(), CTX, True, path) == (
        [],
        [Problem(f"invalid JSON: {message}", Span(line, column, line, column))],
    )


def test_numbers_at_the_float_limit() -> None:
    """An integer too long for a float is infinite, so not whole: as 1e400, it is a float."""
    long, longest = "9" * 308, "9" * 309
    data = f'{{"a": 1e400, "b": {longest}, "c": {long}, "d": -{long}}}'
    [occurrence], _ = json_.scan(data.encode(), CTX, True)
    types = [entry.value.type for entry in occurrence.metadata.entries]
    assert types == ["float", "float", "integer", "integer"]


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ('["a"%s]', []),
        ("[1,%s]", []),
        ("[1%s,]", []),
        ('{"a"%s: 1}', []),
        ('{"a"%s1}', ["invalid JSON: expecting ':' delimiter"]),
        ("[%s", ["invalid JSON: expecting value"]),
    ],
)
def test_long_runs_of_space_and_comments_are_read_once(text: str, messages: list[str]) -> None:
    """Spaces before a token that does not fit are not tried split another way (that takes
    exponential time), nor are JSONC comments among them."""
    for space in (" \n" * 20_000, "/* c */ // d\n" * 5_000):
        _, problems = json_.scan((text % space).encode(), CTX, True, "f.jsonc")
        assert [problem.message for problem in problems] == messages


def test_long_minified_document() -> None:
    pairs = ",".join(f'"k{i}":{i}' for i in range(50_000))
    data = ('{"action_name":"A","metadata":{' + pairs + "}}").encode()
    [occurrence], problems = json_.scan(data, CTX, False)
    last = occurrence.metadata.entries[-1]
    assert problems == []
    assert (last.key, last.span.line, last.span.column) == ("k49999", 1, data.rindex(b'"k4') + 1)
