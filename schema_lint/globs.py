"""Gitignore-style globs (the config's exclude, include and examples lists), matched exactly as
pathspec's `GitIgnoreSpec.match_file` matches them, with a cheap test first.

A path matches only when a pattern that is not a negation matches it, and each such pattern
needs some text of its own in the path: `dist` a path component named `dist`, `*.min.js` a
component ending in `.min.js`, `src/**/gen` at least `src`. One regular expression over all of
them rules out most paths, so on a typical tree pathspec is neither asked nor even imported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

# what pathspec turns into '/' before matching; on POSIX nothing
_SEPARATORS = "".join(re.escape(sep) for sep in (os.sep, os.altsep) if sep and sep != "/")
_SEPARATOR = f"[/{_SEPARATORS}]" if _SEPARATORS else "/"
_END = f"(?:{_SEPARATOR}|$)"
# patterns pathspec may reject or warn about: built at once, so errors come where they did
_CHECK_AT_ONCE = frozenset("!\\[")
_UNKNOWN = frozenset("?[\\")  # wildcards and escapes the cheap test does not model


class Globs:
    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = tuple(lines)
        self._spec: GitIgnoreSpec | None = None
        self._may_match = _prefilter(self.lines)
        if any(not _CHECK_AT_ONCE.isdisjoint(line) for line in self.lines):
            self.spec()

    def spec(self) -> GitIgnoreSpec:
        if self._spec is None:
            from pathspec import GitIgnoreSpec  # only for paths the prefilter lets through

            self._spec = GitIgnoreSpec.from_lines(self.lines)
        return self._spec

    def match_file(self, path: str) -> bool:
        """As `GitIgnoreSpec.match_file`: the last matching pattern is not a negation."""
        if self._may_match is not None and not self._may_match(path):
            return False
        return bool(self.spec().match_file(path))


def _prefilter(lines: Iterable[str]) -> Callable[[str], bool] | None:
    """A test true of every path one of `lines` matches; None when some pattern may match
    any path, or uses what the test does not model."""
    components: list[str] = []
    literals: list[str] = []
    for line in lines:
        text = line.rstrip()  # as pathspec: trailing blanks go (an escaped one is `_UNKNOWN`)
        if not text or text.startswith(("#", "!")):
            continue  # blank, a comment or a negation: it never makes a path match
        if not _UNKNOWN.isdisjoint(text):
            return None
        body = text.removeprefix("/").removesuffix("/")
        if body and "/" not in body and "**" not in body:
            # one path component (`dist`, `/build/`, `*.min.js`): some component matches it
            components.append("[^/]*".join(re.escape(part) for part in body.split("*")))
            continue
        # any other pattern: its longest run of plain characters, which every match holds
        runs = [run for run in re.split(r"[*/]+", text) if run]
        if not runs:
            return None
        literals.append(re.escape(max(runs, key=len)))
    # The components in one group after a separator, searched for in the path with one put in
    # front: a regex that starts with a plain character is searched for far faster.
    group = "|".join(components)
    component = re.compile(f"{_SEPARATOR}(?:{group}){_END}").search if components else None
    literal = re.compile("|".join(literals)).search if literals else None

    def may_match(path: str) -> bool:
        return bool((component and component("/" + path)) or (literal and literal(path)))

    return may_match
