"""places: paths printed from another folder."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from schema_lint.diagnostics import Diagnostic, Related, Severity
from schema_lint.places import rebase, relocate

ROOT = Path("/repo/web")


def finding(path: str, related: Related | None, message: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, 1, 2, "SL002", "type-conflict", Severity.ERROR, message,
                      related=related)  # fmt: skip


def test_relocate_is_the_identity_from_the_root_itself() -> None:
    assert relocate(ROOT, ROOT)("a/b.js") == "a/b.js"


def test_relocate_goes_up_and_down() -> None:
    assert relocate(ROOT, Path("/repo"))("a/b.js") == "web/a/b.js"
    assert relocate(ROOT, Path("/repo/api"))("a/b.js") == "../web/a/b.js"


@given(st.lists(st.sampled_from(["a", "b", "ü", "x y"]), min_size=1, max_size=4))
def test_relocating_there_and_back_is_the_same_path(parts: list[str]) -> None:
    path = "/".join(parts)
    there = relocate(ROOT, Path("/repo"))(path)
    assert relocate(Path("/repo"), ROOT)(there) == path


def test_rebase_moves_the_place_named_at_the_end_of_the_message() -> None:
    related = Related("first seen here", "b.js", 2, 3)
    moved = rebase([finding("a.js", related, 'Key "b.js:2:3" first seen at b.js:2:3')],
                   "schema-lint.lock.yaml", relocate(ROOT, Path("/repo")))  # fmt: skip
    assert moved[0].path == "web/a.js"
    assert moved[0].message == 'Key "b.js:2:3" first seen at web/b.js:2:3'
    assert moved[0].related == Related("first seen here", "web/b.js", 2, 3)


def test_rebase_leaves_the_lockfile_as_the_config_names_it() -> None:
    related = Related("locked here", "schema-lint.lock.yaml", 4, 1)
    (moved,) = rebase([finding("a.js", related, "locked at schema-lint.lock.yaml:4:1")],
                      "schema-lint.lock.yaml", relocate(ROOT, Path("/repo")))  # fmt: skip
    assert moved.related == related
    assert moved.message == "locked at schema-lint.lock.yaml:4:1"
