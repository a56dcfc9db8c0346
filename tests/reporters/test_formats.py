"""Every output format, compared byte for byte with a golden file in `golden/`.

After an intended change of output, rewrite the golden files and review the diff:

    SCHEMA_LINT_REGEN=1 pytest tests/reporters/test_formats.py
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters import REPORTERS, RunInfo, get

from .sample import DIAGNOSTICS, SIGNUP, SOURCES, run_info

GOLDEN = Path(__file__).parent / "golden"
CASES = {name: run_info() for name in REPORTERS} | {"full-color": run_info(color=True)}


def render(name: str, run: RunInfo, diagnostics: tuple[Diagnostic, ...] = DIAGNOSTICS) -> str:
    out = io.StringIO()
    get(name.removesuffix("-color"))(diagnostics, run, out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    actual = render(name, CASES[name])
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("SCHEMA_LINT_REGEN") == "1":
        golden.write_bytes(actual.encode())
    assert actual == golden.read_bytes().decode()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("text", ""),
        ("full", ""),
        ("github", ""),
        ("json", "[]\n"),
        ("gitlab", "[]\n"),
    ],
)
def test_nothing_to_report(name: str, expected: str) -> None:
    assert render(name, run_info(new_keys=0), ()) == expected


@pytest.mark.parametrize("name", ["text", "full", "github"])
@pytest.mark.parametrize(
    ("new_keys", "added_keys", "expected"),
    [
        (1, 0, "1 new key is not in schema-lint.lock.yaml yet: run schema-lint lock\n"),
        (2, 0, "2 new keys are not in schema-lint.lock.yaml yet: run schema-lint lock\n"),
        (0, 1, "Added 1 new key to schema-lint.lock.yaml.\n"),
        (5, 4, "Added 4 new keys to schema-lint.lock.yaml.\n"),
        (0, 0, ""),
    ],
)
def test_footer(name: str, new_keys: int, added_keys: int, expected: str) -> None:
    assert render(name, run_info(new_keys=new_keys, added_keys=added_keys), ()) == expected


def test_footer_names_the_configured_lockfile() -> None:
    output = render("text", run_info(lockfile="meta/schema.lock.yaml", new_keys=1), ())
    assert output == "1 new key is not in meta/schema.lock.yaml yet: run schema-lint lock\n"


@pytest.mark.parametrize("name", ["sarif", "junit"])
def test_nothing_to_report_is_still_a_document(name: str) -> None:
    output = render(name, run_info(), ())
    assert output.endswith("\n")
    if name == "sarif":
        assert json.loads(output)["runs"][0]["results"] == []
    else:
        assert 'failures="0"' in output


def test_full_without_source_lines() -> None:
    output = render("full", run_info(source_lines=None, new_keys=0), DIAGNOSTICS[:2])
    assert output == (
        'app/signup.js:3:28: SL001 Key "user.id" contains a dot; it is stored as "user_id"\n'
        "  = help: replace with `user_id`\n"
        "\n"
        'app/signup.js:4:5: SL002 Key "plan" is a number here but locked as string\n'
        "  = note: plan is locked as string (schema-lint.lock.yaml)\n"
    )


def _fingerprints(run: RunInfo, diagnostics: tuple[Diagnostic, ...]) -> list[tuple[str, str]]:
    sarif = json.loads(render("sarif", run, diagnostics))["runs"][0]["results"]
    gitlab = json.loads(render("gitlab", run, diagnostics))
    return [
        (result["partialFingerprints"]["primaryLocationLineHash"], issue["fingerprint"])
        for result, issue in zip(sarif, gitlab, strict=True)
    ]


def test_fingerprints_are_unique_even_for_identical_lines() -> None:
    fingerprints = _fingerprints(run_info(), DIAGNOSTICS)
    assert len({sarif for sarif, _ in fingerprints}) == len(DIAGNOSTICS)
    assert len({gitlab for _, gitlab in fingerprints}) == len(DIAGNOSTICS)


def test_fingerprints_survive_unrelated_lines_moving() -> None:
    shifted = {**SOURCES, SIGNUP: ["// a new comment", *SOURCES[SIGNUP]]}
    moved = tuple(
        replace(d, line=d.line + 1, end_line=d.end_line + 1) if d.path == SIGNUP else d
        for d in DIAGNOSTICS
    )
    run = run_info(source_lines=shifted.__getitem__)
    assert _fingerprints(run, moved) == _fingerprints(run_info(), DIAGNOSTICS)


def test_fingerprints_change_with_the_line_text() -> None:
    edited = {**SOURCES, SIGNUP: [*SOURCES[SIGNUP][:2], 'track("Signed In", {"user.id": 1,']}
    run = run_info(source_lines=edited.__getitem__)
    assert _fingerprints(run, DIAGNOSTICS)[0] != _fingerprints(run_info(), DIAGNOSTICS)[0]


UNPLACED = Diagnostic(
    "broken.json", 0, 0, 0, 0, "SL006", "parse-error", Severity.ERROR, "cannot decode: bad byte"
)


def test_github_annotates_the_whole_file_without_a_position() -> None:
    output = render("github", run_info(new_keys=0), (UNPLACED,))
    assert output == "::error file=broken.json,title=SL006 parse-error::cannot decode: bad byte\n"


def test_sarif_leaves_out_an_unknown_region() -> None:
    [result] = json.loads(render("sarif", run_info(), (UNPLACED,)))["runs"][0]["results"]
    assert "ruleIndex" not in result
    assert result["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "broken.json", "uriBaseId": "%SRCROOT%"}}}
    ]


def test_gitlab_begins_at_line_one_at_least() -> None:
    [issue] = json.loads(render("gitlab", run_info(), (UNPLACED,)))
    assert issue["location"] == {"path": "broken.json", "lines": {"begin": 1}}
