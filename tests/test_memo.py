"""The run memo: a rerun over the same inputs answers from it; any changed input misses it."""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from schema_lint.cache import FORMAT
from schema_lint.config import load_settings
from schema_lint.diagnostics import Diagnostic, Fix, Related, Severity
from schema_lint.discovery import SourceFile, discover
from schema_lint.memo import Outcome, RunMemo
from tests import test_cache
from tests.test_cache import OLD, Planted, project

__all__ = ["project"]  # the fixture, shared with the scan cache's tests


def _memo(root: Path, extra: object = "options") -> RunMemo:
    settings = load_settings([], None, root)
    memo = RunMemo.open(settings, discover(settings).files, extra)
    return memo


def test_run_memo_round_trip_and_invalidation(project: Path) -> None:
    diagnostic = Diagnostic(
        "web/signup.js", 1, 2, 1, 9, "SL001", "dotted-key", Severity.WARNING, "m",
        fix=Fix("a_b", 1, 3, 1, 6), related=Related("first", "x.js", 1, 1),
    )
    outcome = Outcome([diagnostic], {"events": {"plan": "string"}}, (("events", "seats"),))
    memo = _memo(project)
    assert memo.get() is None
    memo.put(outcome)
    assert _memo(project).get() == outcome
    assert _memo(project, extra="other options").get() is None
    os.utime(project / "web/plain.ts", (OLD + 1, OLD + 1))
    assert _memo(project).get() is None


def test_run_memo_is_not_stored_while_a_file_is_recent(project: Path) -> None:
    (project / "web/plain.ts").write_text("export const answer = 43;\n")  # mtime: now
    memo = _memo(project)
    memo.put(Outcome([], {}, ()))
    assert _memo(project).get() is None


def test_a_planted_run_memo_cannot_run_code(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark = tmp_path / "pwned"
    monkeypatch.setattr(test_cache, "PLANTED_MARK", mark)
    memo = _memo(project)
    memo.put(Outcome([], {}, ()))
    memo.path.write_bytes(pickle.dumps((FORMAT, memo.fingerprint, Planted())))
    assert _memo(project).get() is None
    assert not mark.exists()


@pytest.mark.parametrize(
    "stored",
    [
        (FORMAT, b"x" * 16, ([], {}, ())),  # another fingerprint
        ("not", "a", "memo"),
        (FORMAT,),
        [1, 2, 3],
    ],
)
def test_a_foreign_memo_is_a_miss(project: Path, stored: object) -> None:
    memo = _memo(project)
    memo.put(Outcome([], {}, ()))
    memo.path.write_bytes(pickle.dumps(stored))
    assert _memo(project).get() is None


@pytest.mark.parametrize(
    "fields",
    [(["not a diagnostic"], {}, ()), ([], [], ()), ([], {}, []), ([], {}), "outcome"],
)
def test_a_memo_of_the_wrong_shape_is_a_miss(project: Path, fields: object) -> None:
    memo = _memo(project)
    memo.put(Outcome([], {}, ()))
    memo.path.write_bytes(pickle.dumps((FORMAT, memo.fingerprint, fields)))
    assert _memo(project).get() is None


def test_the_outcome_comes_back_typed(project: Path) -> None:
    memo = _memo(project)
    memo.put(Outcome([], {"events": {"a": "string"}}, ()))
    outcome = _memo(project).get()
    assert isinstance(outcome, Outcome)
    assert outcome.new_keys == {"events": {"a": "string"}}


OLD_NS = 1_700_000_000 * 10**9
FILES = (
    SourceFile("a.js", "/p/a.js", "javascript", 10, False, OLD_NS),
    SourceFile("docs/b.md", "/p/docs/b.md", "markdown", 5, True, OLD_NS),
)


@pytest.mark.parametrize(
    "files",
    [
        FILES[:1],
        (*FILES, SourceFile("c.ts", "/p/c.ts", "typescript", 1, False, OLD_NS)),
        (replace(FILES[0], path="a2.js"), FILES[1]),
        (replace(FILES[0], language="typescript"), FILES[1]),
        (FILES[0], replace(FILES[1], example=False)),
        (replace(FILES[0], size=11), FILES[1]),
        (FILES[0], replace(FILES[1], mtime_ns=OLD_NS + 1)),
        (replace(FILES[0], size=5), replace(FILES[1], size=10)),
        (),
    ],
)
def test_any_change_to_the_files_misses(project: Path, files: tuple[SourceFile, ...]) -> None:
    settings = load_settings([], None, project)
    before = RunMemo.open(settings, FILES, "options")
    after = RunMemo.open(settings, files, "options")
    assert (after.path, after.fingerprint) != (before.path, before.fingerprint)
    assert RunMemo.open(settings, FILES, "options").fingerprint == before.fingerprint
