"""reporters.emit: every report of a run, each with its paths from where its reader starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schema_lint.diagnostics import Diagnostic, Related, Severity
from schema_lint.engine import Result
from schema_lint.reporters import Output, Outputs, ReportError, emit, reports, run_info
from tests.reporters.sample import run_info as sample_run

FINDING = Diagnostic(
    "app/a.js", 3, 5, 3, 9, "SL002", "type-conflict", Severity.ERROR,
    "Key \"plan\" is a number, first seen as a string at app/b.js:1:2",
    "events", "plan", "plan", related=Related("first seen here", "app/b.js", 1, 2),
)  # fmt: skip


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((), (Output("text", None, False),)),
        (("out.txt",), (Output("text", Path("out.txt"), False),)),
        (
            ("sarif:r.sarif", "x.txt"),
            (Output("text", Path("x.txt")), Output("sarif", Path("r.sarif"))),
        ),
    ],
)  # fmt: skip
def test_reports_main_first_then_the_extra_ones(
    values: tuple[str, ...], expected: tuple[Output, ...]
) -> None:
    assert reports("text", values, "never") == expected


def test_colour_always_paints_a_main_report_in_a_file_but_no_extra_one() -> None:
    main, extra = reports("full", ("a.txt", "json:b.json"), "always")
    assert (main.color, extra.color) == (True, False)


def test_two_plain_output_files_are_an_error() -> None:
    with pytest.raises(ReportError, match="given twice"):
        reports("text", ("a.txt", "b.txt"), "never")


def test_a_machine_report_beside_text_prints_paths_from_the_repository(tmp_path: Path) -> None:
    cwd, repo = tmp_path / "repo" / "web", tmp_path / "repo"
    run = sample_run(root=cwd, files=("app/a.js",), new_keys=0)
    outputs = Outputs(
        (Output("text", tmp_path / "out.txt"), Output("json", tmp_path / "out.json")),
        for_people=cwd,
        for_tools=repo,
    )
    emit([FINDING], run, outputs)
    assert (tmp_path / "out.txt").read_text().startswith("app/a.js:3:5: SL002")
    (shown,) = json.loads((tmp_path / "out.json").read_text())
    assert shown["path"] == "web/app/a.js"
    assert shown["message"].endswith("at web/app/b.js:1:2")


def test_statistics_replace_the_main_report_only(tmp_path: Path) -> None:
    outputs = Outputs(
        (Output("text", tmp_path / "main"), Output("text", tmp_path / "extra")),
        for_people=tmp_path,
        for_tools=tmp_path,
        statistics=True,
    )
    emit([FINDING], sample_run(root=tmp_path, new_keys=0), outputs)
    assert (tmp_path / "main").read_text() == "   1  SL002  type-conflict\n"
    assert "app/a.js:3:5" in (tmp_path / "extra").read_text()


@pytest.mark.parametrize(("fmt", "written"), [("github", True), ("text", False)])
def test_the_step_summary_follows_a_github_report(tmp_path: Path, fmt: str, written: bool) -> None:
    summary = tmp_path / "summary.md"
    outputs = Outputs(
        (Output(fmt, tmp_path / "out"),),
        for_people=tmp_path,
        for_tools=tmp_path,
        step_summary=str(summary),
    )
    emit([FINDING], sample_run(root=tmp_path), outputs)
    assert summary.exists() is written


def test_run_info_counts_new_keys_unless_they_are_held(tmp_path: Path) -> None:
    new_keys = {"events": {"a": "string", "b": "number"}, "users": {"c": "string"}}
    result = Result([], ("a.js",), (), "schema-lint.lock.yaml", new_keys)

    (tmp_path / "a.js").write_text("one\r\ntwo\n")
    info = run_info(tmp_path, result)
    assert (info.new_keys, info.files, info.rules[0].code) == (3, ("a.js",), "SL001")
    assert info.source_lines is not None and list(info.source_lines("a.js")) == ["one", "two", ""]
    assert list(info.source_lines("missing.js")) == [""]
    assert run_info(tmp_path, result, hold_new_keys=True).new_keys == 0


def test_an_unwritable_report_is_a_report_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    outputs = Outputs((Output("text", tmp_path / "file" / "out"),), tmp_path, tmp_path)
    with pytest.raises(ReportError, match="cannot write the report"):
        emit([], sample_run(root=tmp_path), outputs)
