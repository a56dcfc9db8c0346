"""Ruby: what each expression is typed as inside a payload hash."""

from __future__ import annotations

import pytest

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse
from tests.scanners.typing_table import value_type

PRELUDE = "label = 'x'\ncount = 2\n"
ROWS = [
    ("'s'", "string"),
    ('"s"', "string"),
    ('"a#{label}"', "string"),
    (":gold", "string"),
    (':"quoted sym"', "string"),
    ("%w[a b]", "array<string>"),
    ("1", "integer"),
    ("1_000", "integer"),
    ("1.5", "float"),
    ("true", "boolean"),
    ("nil", "null"),
    ("label", "string"),
    ("count", "integer"),
    ("user.id.to_s", "string"),
    ("Time.now.to_i", "integer"),
    ("tags.empty?", "boolean"),
    ("count + 1", "number"),
    ("'a' + 'b'", "string"),
    ("count > 1", "boolean"),
    ("!ok", "boolean"),
    ("[1, 2]", "array<integer>"),
    ("{ a: 1 }", "object"),
    ("(1)", "integer"),
    # stay unknown
    ("user", "unknown"),
    ("user.plan", "unknown"),
    ("compute(1)", "unknown"),
    ("1r", "unknown"),
    ("label + 1", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    source = f"{PRELUDE}p = {{ action_name: 'A', metadata: {{ v: {expression} }} }}\n"
    assert value_type("ruby", "a.rb", source) == expected


def test_symbol_and_string_keys_become_strings() -> None:
    source = "p = { 'action_name' => 'A', :metadata => { :a => 1, 'b.c' => 2, d: 3, \"e\": 4 } }\n"
    scan = scan_file("a.rb", "ruby", source.encode(), ScanContext(()), example=False)
    (occurrence,) = scan.occurrences
    entries = occurrence.metadata.entries
    assert [e.key for e in entries] == ["a", "b.c", "d", "e"]
    # `:a` is named `a`: a fix replaces the name, not the colon
    assert entries[0].name_span is not None
    assert (entries[0].span.column, entries[0].name_span.column) == (44, 45)


@pytest.mark.parametrize(
    "signature",
    [
        "analytics.track(user_id, event=EVENT, properties=METADATA)",
        # the first parameter is the keyword's: the trailing pairs' hash must not take it
        "analytics.track(event=EVENT, properties=METADATA)",
        "analytics.track(event=EVENT, *, properties=METADATA)",
    ],
)
def test_keyword_arguments_bind_by_name(signature: str) -> None:
    source = "analytics.track(user_id: 1, event: 'Paid', properties: { plan: 'pro' })\n"
    ctx = ScanContext((parse(signature),))
    scan = scan_file("a.rb", "ruby", source.encode(), ctx, example=False)
    (occurrence,) = scan.occurrences
    assert occurrence.action == "Paid"
    assert [e.key for e in occurrence.metadata.entries] == ["plan"]


def test_a_keyword_metadata_is_only_that_keyword() -> None:
    source = "analytics.identify(user_id: 42, traits: { email: 'a@b.c' })\n"
    ctx = ScanContext((parse("analytics.identify(traits=METADATA)", "users"),))
    scan = scan_file("a.rb", "ruby", source.encode(), ctx, example=False)
    (occurrence,) = scan.occurrences
    assert [e.key for e in occurrence.metadata.entries] == ["email"]


def test_trailing_pairs_are_one_hash_argument() -> None:
    source = "Moesif.track 'Paid', plan: 'pro', 'a.b' => 2\n"
    ctx = ScanContext((parse("Moesif.track(EVENT, METADATA)"),))
    scan = scan_file("a.rb", "ruby", source.encode(), ctx, example=False)
    (occurrence,) = scan.occurrences
    assert occurrence.action == "Paid"
    assert [(e.key, e.value.type) for e in occurrence.metadata.entries] == [
        ("plan", "string"),
        ("a.b", "integer"),
    ]
