"""SL005: once per key, at its first occurrence, with the count of the others."""

from __future__ import annotations

from pathlib import Path

from tests.rules.lint import lint

LOCK = "version: 1\nevents:\n  plan: string\n"


def test_once_per_key_at_the_first_occurrence_with_the_count(tmp_path: Path) -> None:
    files = {
        "b.js": "moesif.track('A', {seats: 3, plan: 'pro'});\n",
        "a.js": "moesif.track('B', {seats: 4});\nmoesif.track('C', {seats: 5});\n",
        "c.js": "moesif.track('D', {coupon: 'x'});\n",
        "schema-lint.lock.yaml": LOCK,
    }
    found = lint(tmp_path, files, "--frozen", "--select", "SL005")
    assert [(f["path"], f["line"], f["message"]) for f in found] == [
        ("a.js", 1, "`seats` (events) is not in schema-lint.lock.yaml: run schema-lint lock "
         "(2 other occurrences)"),
        ("c.js", 1, "`coupon` (events) is not in schema-lint.lock.yaml: run schema-lint lock"),
    ]


def test_a_key_lock_refuses_says_why(tmp_path: Path) -> None:
    files = {
        "a.js": "moesif.track('A', {total: 10});\nmoesif.track('B', {total: '10.00'});\n",
        "schema-lint.lock.yaml": LOCK,
    }
    found = lint(tmp_path, files, "--frozen", "--select", "SL005")
    assert [f["message"] for f in found] == [
        "`total` (events) is not in schema-lint.lock.yaml and cannot be locked: it was sent "
        "with two types (number, string): fix SL002 first (1 other occurrence)"
    ]
