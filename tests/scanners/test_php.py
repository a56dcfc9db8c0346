"""PHP: what each expression is typed as inside a payload array."""

from __future__ import annotations

import pytest

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse
from tests.scanners.typing_table import value_type

PRELUDE = "<?php\n$label = 'x';\n$count = 2;\n"
ROWS = [
    ("'s'", "string"),
    ('"s"', "string"),
    ('"a $label"', "string"),
    ("<<<EOT\nx\nEOT", "string"),
    ("1", "integer"),
    ("1.5", "float"),
    ("true", "boolean"),
    ("null", "null"),
    ("$label", "string"),
    ("$count", "integer"),
    ("(string) $user", "string"),
    ("(int) $user", "integer"),
    ("strlen($label)", "integer"),
    ("$a . 'b'", "string"),
    ("$count + 1", "number"),
    ("$count > 1", "boolean"),
    ("!$ok", "boolean"),
    ("[1, 2]", "array<integer>"),
    ("array('a', 'b')", "array<string>"),
    ("['a' => 1]", "object"),
    ("(1)", "integer"),
    # stay unknown
    ("$user", "unknown"),
    ("$user->plan", "unknown"),
    ("compute(1)", "unknown"),
    ("$label + 1", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    source = f"{PRELUDE}$p = ['action_name' => 'A', 'metadata' => ['v' => {expression}]];\n"
    assert value_type("php", "a.php", source) == expected


@pytest.mark.parametrize(
    "call",
    [
        "$moesif->track('Paid', ['plan' => 'pro']);",
        "$this->moesif?->track('Paid', ['plan' => 'pro']);",
        "Moesif::track('Paid', array('plan' => 'pro'));",
        "track(event: 'Paid', metadata: ['plan' => 'pro']);",
    ],
)
def test_signatures_match_every_call_form(call: str) -> None:
    signatures = ("moesif.track(EVENT, METADATA)", "track(event=EVENT, metadata=METADATA)")
    ctx = ScanContext(tuple(parse(s) for s in signatures))
    scan = scan_file("a.php", "php", f"<?php\n{call}\n".encode(), ctx, example=False)
    assert [(o.action, [e.key for e in o.metadata.entries]) for o in scan.occurrences] == [
        ("Paid", ["plan"])
    ]
