"""Go: what each expression is typed as inside a `map[string]any` payload literal."""

from __future__ import annotations

import pytest

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse
from tests.scanners.typing_table import value_type

PRELUDE = 'package a\n\nvar label = "x"\nvar count int\n\nfunc f(name string) {\n\tn := 2.5\n'
ROWS = [
    ('"s"', "string"),
    ("`raw`", "string"),
    ("1", "integer"),
    ("0x1F", "integer"),
    ("'r'", "integer"),
    ("1.5", "float"),
    ("true", "boolean"),
    ("nil", "null"),
    ("label", "string"),
    ("count", "integer"),
    ("n", "float"),
    ("len(name)", "integer"),
    ('fmt.Sprintf("%d", 1)', "string"),
    ("time.Now().Unix()", "integer"),
    ("float64(count)", "float"),
    ('"a" + name', "string"),
    ("count + 1", "number"),
    ("count > 1", "boolean"),
    ("!ok", "boolean"),
    ('[]string{"a", "b"}', "array<string>"),
    ('[]any{"a", 1}', "array<unknown>"),
    ('map[string]int{"x": 1}', "object"),
    ("(1)", "integer"),
    # stay unknown
    ("name", "unknown"),
    ('Event{Name: "x"}', "unknown"),
    ("&Event{}", "unknown"),
    ("user.Plan", "unknown"),
    ("compute()", "unknown"),
    ("1i", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    metadata = f'map[string]any{{"v": {expression}}}'
    source = f'{PRELUDE}\t_ = map[string]any{{"action_name": "A", "metadata": {metadata}}}\n}}\n'
    assert value_type("go", "a.go", source) == expected


def test_payload_and_call_positions() -> None:
    source = (
        "package a\n\nfunc f() {\n"
        '\tclient.Track("Signed Up", map[string]any{"a.b": 1})\n'
        '\tb := map[string]interface{}{"action_name": "Paid", "metadata": m}\n'
        '\tm := map[string]any{"plan": "pro"}\n}\n'
    )
    ctx = ScanContext((parse("client.Track(EVENT, METADATA)"),))
    scan = scan_file("a.go", "go", source.encode(), ctx, example=False)
    assert [(o.action, [e.key for e in o.metadata.entries]) for o in scan.occurrences] == [
        ("Signed Up", ["a.b"]),
        ("Paid", ["plan"]),
    ]
    entry = scan.occurrences[0].metadata.entries[0]
    # the key's span covers its quotes; its name span only the name (what a fix replaces)
    assert (entry.span.line, entry.span.column, entry.span.end_column) == (4, 43, 48)
    assert entry.name_span is not None
    assert (entry.name_span.column, entry.name_span.end_column) == (44, 47)


def test_named_map_types_by_their_string_keys() -> None:
    source = 'package a\n\nvar e = Props{"action_name": "x", "metadata": Props{"a": Event{A: 1}}}\n'
    scan = scan_file("a.go", "go", source.encode(), ScanContext(()), example=False)
    (occurrence,) = scan.occurrences
    assert [(e.key, e.value.type) for e in occurrence.metadata.entries] == [("a", "unknown")]
