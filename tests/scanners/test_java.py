"""Java: what each expression is typed as inside a `Map.of` payload."""

from __future__ import annotations

import pytest

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse
from tests.scanners.typing_table import value_type

PRELUDE = 'class A {\n  void f(String name) {\n    String label = "x";\n    int count = 2;\n'
ROWS = [
    ('"s"', "string"),
    ("'c'", "string"),
    ("1", "integer"),
    ("0x1F", "integer"),
    ("1_000L", "integer"),
    ("1.5", "float"),
    ("true", "boolean"),
    ("null", "null"),
    ("label", "string"),
    ("count", "integer"),
    ("String.valueOf(count)", "string"),
    ("user.toString()", "string"),
    ("name.length()", "integer"),
    ('"a" + count', "string"),
    ("count + 1", "number"),
    ("count > 1", "boolean"),
    ("!ok", "boolean"),
    ("List.of(1, 2)", "array<integer>"),
    ('new String[]{"a"}', "array<string>"),
    ('Map.of("x", 1)', "object"),
    ("(1)", "integer"),
    # stay unknown
    ("name", "unknown"),
    ("user.plan", "unknown"),
    ("compute(1)", "unknown"),
    ("new Date()", "unknown"),
    ("(int) x", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    payload = f'Map.of("action_name", "A", "metadata", Map.of("v", {expression}))'
    source = f"{PRELUDE}    Object p = {payload};\n  }}\n}}\n"
    assert value_type("java", "A.java", source) == expected


def test_a_hash_map_is_filled_by_puts_in_its_block_only() -> None:
    source = (
        "class A {\n  void f() {\n    Map<String, Object> m = new HashMap<>();\n"
        '    m.put("a", 1);\n    if (x) { m.put("nested", 2); }\n'
        '    moesif.track("E", m);\n    m.put("b.c", true);\n  }\n'
        '  void g() { m.put("other", 3); }\n}\n'
    )
    ctx = ScanContext((parse("moesif.track(EVENT, METADATA)"),))
    scan = scan_file("A.java", "java", source.encode(), ctx, example=False)
    (occurrence,) = scan.occurrences
    # a put after the call still fills the map the call sends, as the block runs on
    assert [e.key for e in occurrence.metadata.entries] == ["a", "b.c"]


def test_only_keys_of_map_of_make_a_payload() -> None:
    source = 'class A { Object p = Map.of("k", "action_name", "metadata", Map.of()); }\n'
    scan = scan_file("A.java", "java", source.encode(), ScanContext(()), example=False)
    assert scan.occurrences == ()
