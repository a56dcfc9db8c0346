"""The catalog model: statuses agree with `check` and `lock`, coverage, unreadable metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from schema_lint import engine
from schema_lint.catalog.build import UNREADABLE, build, key_statuses
from schema_lint.catalog.model import CONFLICTING, NEW, Unresolved
from schema_lint.flatten import flatten_scans
from schema_lint.lockfile import Lock
from schema_lint.model import Entry, FileScan, Occurrence, Problem, Span, Value
from schema_lint.rules import sl002_type_conflict
from schema_lint.rules.base import RuleContext
from tests.catalog.test_golden import ROOT
from tests.conftest import copy_project, run_cli
from tests.strategies import load_profile

load_profile()
SPAN = Span(1, 1, 1, 2)
TYPES = ("string", "number", "boolean", "object", "null", "unknown", "array<string>")


def scan(path: str, *occurrences: Occurrence, problems: tuple[Problem, ...] = ()) -> FileScan:
    return FileScan(path, occurrences, problems)


def sent(action: str | None, line: int, **types: str) -> Occurrence:
    entries = tuple(
        Entry(key, Span(line, column, line, column + 1), Value(type_, SPAN))
        for column, (key, type_) in enumerate(types.items(), start=1)
    )
    return Occurrence("events", Value("object", Span(line, 1, line, 2), entries), action)


def test_statuses_agree_with_check_and_lock_on_the_example_app(tmp_path: Path) -> None:
    project = copy_project(ROOT / "fixtures" / "example-app", tmp_path / "app")
    catalog = json.loads(run_cli(["catalog", "--no-cache", "--format", "json"], project).stdout)
    checked = json.loads(run_cli(["check", "--no-cache", "--format", "json"], project).stdout)
    statuses = {(k["namespace"], k["key"]): k["status"] for k in catalog["keys"]}
    sl002 = {(d["namespace"], d["key"]) for d in checked if d["code"] == "SL002"}
    assert {k for k, status in statuses.items() if status == CONFLICTING} == sl002
    run_cli(["lock", "--no-cache"], project)
    text = (project / "schema-lint.lock.yaml").read_text()
    added = {k for k, status in statuses.items() if status == NEW}
    assert len(added) == 12 and all(f"  {key}: " in text for _, key in added)


@given(
    st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(TYPES)), max_size=8),
    st.dictionaries(st.sampled_from("abc"), st.sampled_from(TYPES[:4])),
)
def test_conflicting_is_where_sl002_fires_and_new_is_what_lock_adds(
    sends: list[tuple[str, str]], locked: dict[str, str]
) -> None:
    scans = [scan("a.js", *(sent("x", line, **{k: t}) for line, (k, t) in enumerate(sends, 1)))]
    rows = flatten_scans(scans)
    lock = Lock({"events": locked}, exists=True)
    context = RuleContext(scans, rows, lock.get, lambda ns: sorted(locked), "lock", "json")
    fired = {(d.namespace, d.key) for d in sl002_type_conflict.check(context)}
    statuses = key_statuses(rows, lock)
    assert {k for k, status in statuses.items() if status == CONFLICTING} == fired
    additions, _ = engine.lockable_keys(rows, lock)
    new = {("events", k) for k in additions.get("events", {})}
    assert {k for k, status in statuses.items() if status == NEW} == new


def test_a_locked_key_is_judged_per_entry_and_an_untyped_key_is_untyped() -> None:
    occurrences = (sent("A", 1, plan="number"), sent("B", 2, plan="string", note="unknown"))
    catalog = build([scan("a.js", *occurrences)], Lock({"events": {"plan": "string"}}, True))
    entries = {(e.name, k.key): k.status for e in catalog.events for k in e.keys}
    assert entries == {
        ("A", "plan"): "conflicting",
        ("B", "plan"): "locked",
        ("B", "note"): "untyped",
    }
    plan = next(k for k in catalog.keys if k.key == "plan")
    assert (plan.status, plan.type, plan.locked_type, plan.types, plan.events) == (
        "conflicting",
        "string",
        "string",
        ("number", "string"),
        ("A", "B"),
    )


def test_coverage_counts_unknown_as_untyped_and_null_as_typed() -> None:
    scans = [
        scan("a.py", sent(None, 1, a="null", b="unknown")),
        scan("b.py", sent("x", 1, c="string")),
    ]
    coverage = build(scans, Lock({}, False)).coverage
    per_file = [(f.path, f.occurrences, f.typed, f.unknown) for f in coverage.files]
    assert per_file == [("a.py", 2, 1, 1), ("b.py", 1, 1, 0)]
    assert (coverage.occurrences, coverage.typed, coverage.unknown) == (3, 2, 1)


def test_unreadable_metadata_is_listed() -> None:
    opaque = Occurrence("events", Value("unknown", Span(3, 22, 3, 27)), "Signed Up")
    problem = Problem("syntax error", Span(9, 5, 9, 6))
    catalog = build([scan("a.js", opaque, problems=(problem,))], Lock({}, False))
    assert catalog.unresolved == (
        Unresolved("a.js", 3, 22, None, UNREADABLE),
        Unresolved("a.js", 9, 5, None, "syntax error"),
    )
    assert catalog.events[0].keys == () and catalog.coverage.occurrences == 0


@given(
    st.lists(
        st.tuples(
            st.sampled_from(("a.js", "b.py", "c.json")),
            st.sampled_from(("A", "B", None)),
            st.dictionaries(st.sampled_from("xyz"), st.sampled_from(TYPES), min_size=1),
        ),
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_the_catalog_does_not_depend_on_the_order_files_were_scanned(
    sends: list[tuple[str, str | None, dict[str, str]]], rnd: Any
) -> None:
    by_file: dict[str, list[Occurrence]] = {}
    for line, (path, action, types) in enumerate(sends, start=1):
        by_file.setdefault(path, []).append(sent(action, line, **types))
    scans = [scan(path, *occurrences) for path, occurrences in sorted(by_file.items())]
    shuffled = list(scans)
    rnd.shuffle(shuffled)
    lock = Lock({"events": {"x": "string"}}, exists=True)
    assert build(shuffled, lock) == build(scans, lock)
