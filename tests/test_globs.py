"""Globs match exactly as pathspec's GitIgnoreSpec does, and most paths never reach pathspec."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pathspec import GitIgnoreSpec
from pathspec.patterns.gitignore import GitIgnorePatternError

from schema_lint.globs import Globs
from schema_lint.settings import DEFAULT_EXCLUDE

PATTERN_PARTS = ["a", "b", "ab", ".", "*", "**", "?", "/", "!", "#", " ", "\t", "\\", "[", "]"]
PATH_PARTS = ["a", "b", "ab", "ba", ".", "..", "!", "#", " ", "*", "[", "]", "\\", "\n", "x.min.js"]

patterns = st.lists(st.lists(st.sampled_from(PATTERN_PARTS), max_size=6).map("".join), max_size=5)
components = st.lists(st.sampled_from(PATH_PARTS), min_size=1, max_size=3).map("".join)
paths = st.builds(
    lambda prefix, parts, suffix: prefix + "/".join(parts) + suffix,
    st.sampled_from(["", "", "./", "/"]),
    st.lists(components, min_size=1, max_size=4),
    st.sampled_from(["", "", "/"]),  # a trailing '/': how a folder is asked about
)


def _spec(lines: list[str]) -> GitIgnoreSpec | Exception:
    try:
        return GitIgnoreSpec.from_lines(lines)
    except Exception as exc:
        return exc


@given(patterns, st.lists(paths, min_size=1, max_size=10))
def test_globs_match_as_pathspec_does(lines: list[str], probes: list[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # `[[` makes re warn of nested sets
        spec = _spec(lines)
        if isinstance(spec, Exception):
            # a pattern pathspec rejects is rejected as the globs are made, as before
            with pytest.raises(type(spec)):
                Globs(lines)
            return
        globs = Globs(lines)
        assert [globs.match_file(path) for path in probes] == [
            spec.match_file(path) for path in probes
        ]


@given(
    st.lists(st.sampled_from([*DEFAULT_EXCLUDE, "!dist/keep", "/out/", "src/**/gen", "*.d.ts"])),
    st.lists(paths, min_size=1, max_size=10),
)
def test_typical_globs_match_as_pathspec_does(lines: list[str], probes: list[str]) -> None:
    spec = GitIgnoreSpec.from_lines(lines)
    globs = Globs(lines)
    assert [globs.match_file(path) for path in probes] == [spec.match_file(path) for path in probes]


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        ("src/vendorData.ts", False),
        ("src/distance.js", False),
        ("apps/web/builder/a.js", False),
        ("a.min.jsx", False),
        ("vendor/a.js", True),
        ("apps/node_modules/x/a.js", True),
        ("lib/a.min.js", True),
        ("build/", True),
    ],
)
def test_default_excludes_ask_pathspec_only_about_likely_paths(path: str, excluded: bool) -> None:
    globs = Globs(DEFAULT_EXCLUDE)
    assert globs.match_file(path) is excluded
    assert (globs._spec is not None) is excluded  # pathspec built only for a likely match


@pytest.mark.parametrize(
    ("line", "error"),
    [("!", GitIgnorePatternError), ("a\\", GitIgnorePatternError), ("[z-a]", re.error)],
)
def test_a_pattern_pathspec_rejects_fails_at_once(line: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        Globs(["dist", line])
