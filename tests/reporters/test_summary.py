from __future__ import annotations

import io
from dataclasses import replace

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters import step_summary, write_statistics

from .sample import DIAGNOSTICS, run_info


def statistics(diagnostics: tuple[Diagnostic, ...]) -> str:
    out = io.StringIO()
    write_statistics(diagnostics, out)
    return out.getvalue()


def summary(diagnostics: tuple[Diagnostic, ...], **changes: object) -> str:
    out = io.StringIO()
    step_summary(diagnostics, run_info(**changes), out)
    return out.getvalue()


def test_statistics_by_count_then_code_with_fixable_marker() -> None:
    assert statistics(DIAGNOSTICS) == (
        "   2  SL002  type-conflict\n"
        "   2  SL101  key-style\n"
        "   1  SL001  dotted-key     [*]\n"
        "   1  SL004  mixed-array\n"
        "   1  SL007  dynamic-value\n"
    )


def test_statistics_widen_for_large_counts() -> None:
    many = (DIAGNOSTICS[3],) * 12345 + (DIAGNOSTICS[0],)
    assert statistics(many) == "12345  SL004  mixed-array\n    1  SL001  dotted-key   [*]\n"


def test_statistics_of_nothing_is_empty() -> None:
    assert statistics(()) == ""


def test_step_summary() -> None:
    assert summary(DIAGNOSTICS[:4]) == (
        "## schema-lint\n"
        "\n"
        "4 findings (3 errors, 1 warning) in 2 files.\n"
        "\n"
        "| Code | Rule | Count |\n"
        "| --- | --- | ---: |\n"
        "| SL002 | type-conflict | 2 |\n"
        "| SL001 | dotted-key | 1 |\n"
        "| SL004 | mixed-array | 1 |\n"
        "\n"
        "| Location | Code | Message |\n"
        "| --- | --- | --- |\n"
        '| app/signup.js:3 | SL001 | Key "user.id" contains a dot; it is stored as "user\\_id" |\n'
        '| app/signup.js:4 | SL002 | Key "plan" is a number here but locked as string |\n'
        '| docs/Événements, clés.md:13 | SL002 | Key "discount" is a number, but 100% of'
        " earlier uses: string,<br>see the first one |\n"
        "| docs/Événements, clés.md:15 | SL004 | Array mixes number and string elements |\n"
        "\n"
        "3 new keys are not in schema-lint.lock.yaml yet: run schema-lint lock\n"
    )


def test_step_summary_escapes_table_breakers() -> None:
    tricky = replace(
        DIAGNOSTICS[1],
        path="a|b.js",
        message="x | y\r\nz <script> `code` *bold* [link](u) \\ &amp;",
        severity=Severity.INFO,
    )
    rows = summary((tricky,), new_keys=0).splitlines()
    assert rows[2] == "1 finding (1 info) in 1 file."
    assert rows[-1] == (
        "| a\\|b.js:4 | SL002 | x \\| y<br>z \\<script\\> \\`code\\` \\*bold\\* \\[link\\](u)"
        " \\\\ \\&amp; |"
    )


def test_step_summary_caps_the_findings_table() -> None:
    many = tuple(replace(DIAGNOSTICS[0], line=n) for n in range(1, 251))
    lines = summary(many, new_keys=0).splitlines()
    assert sum(line.startswith("| app/signup.js:") for line in lines) == 200
    assert lines[-1] == "... and 50 more"
    assert "| SL001 | dotted-key | 250 |" in lines


def test_step_summary_without_findings() -> None:
    assert summary((), new_keys=0) == "## schema-lint\n\nNo problems found.\n"
    assert summary((), added_keys=2).endswith("\nAdded 2 new keys to schema-lint.lock.yaml.\n")
