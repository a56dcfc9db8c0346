"""Inline `schema-lint: ignore[...]` comments, and the select/ignore/per-file-ignores filter."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schema_lint.diagnostics import Diagnostic
    from schema_lint.model import FileScan
    from schema_lint.settings import Settings

_MARKER = re.compile(
    rb"(?P<lead>^[ \t]*)?(?:#|//|/\*|<!--)[ \t]*schema-lint:[ \t]*ignore"
    rb"(?:\[(?P<codes>[A-Za-z0-9_, \t]*)\])?",
    re.M,
)


def find_suppressions(data: bytes) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Lines and the codes ignored on them; an empty tuple of codes means every code.

    A comment after code covers its own line; a comment alone on a line covers the next.
    """
    if b"schema-lint:" not in data:
        return ()
    found: dict[int, set[str] | None] = {}
    for match in _MARKER.finditer(data):
        line = data.count(b"\n", 0, match.start()) + 1
        codes_text = match.group("codes")
        codes = (
            None
            if codes_text is None
            else {c.strip().upper() for c in codes_text.decode().split(",") if c.strip()}
        )
        alone = match.group("lead") is not None
        for target in (line, line + 1) if alone else (line,):
            current = found.get(target, set())
            found[target] = None if codes is None or current is None else current | codes
    return tuple(
        (line, () if codes is None else tuple(sorted(codes)))
        for line, codes in sorted(found.items())
    )


def is_suppressed(
    suppressions: tuple[tuple[int, tuple[str, ...]], ...], line: int, code: str
) -> bool:
    for suppressed_line, codes in suppressions:
        if suppressed_line == line:
            return not codes or code in codes
    return False


def matches(code: str, patterns: Sequence[str]) -> bool:
    """Codes are selected by exact code, by prefix (`SL0`, `SL1`) or by `ALL`."""
    return any(p.upper() == "ALL" or code.startswith(p.upper()) for p in patterns)


@dataclass(frozen=True)
class DiagnosticFilter:
    """Which diagnostics survive: enabled rules, per-file-ignores, inline comments."""

    codes: frozenset[str]
    per_file: tuple[tuple[Callable[[str], bool], tuple[str, ...]], ...]
    inline: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]

    @classmethod
    def build(
        cls,
        settings: Settings,
        select: Sequence[str] | None,
        ignore: Sequence[str],
        frozen: bool,
        scans: Sequence[FileScan],
    ) -> DiagnosticFilter:
        from schema_lint.rules import RULES

        chosen = select if select is not None else settings.select
        ignored = (*settings.ignore, *ignore)
        codes = {
            code
            for code, rule in RULES.items()
            if (matches(code, chosen) if chosen is not None else rule.info.default_on)
            and not matches(code, ignored)
        }
        if frozen and not matches("SL005", ignored):
            codes.add("SL005")
        per_file = tuple((glob_matcher(glob), codes_) for glob, codes_ in settings.per_file_ignores)
        inline = {scan.path: scan.suppressions for scan in scans if scan.suppressions}
        return cls(frozenset(codes), per_file, inline)

    def enabled(self, code: str) -> bool:
        return code in self.codes

    def __call__(self, diagnostic: Diagnostic) -> bool:
        code, path = diagnostic.code, diagnostic.path
        if code not in self.codes:
            return False
        if any(match(path) and matches(code, codes) for match, codes in self.per_file):
            return False
        suppressions = self.inline.get(path)
        return not (suppressions and is_suppressed(suppressions, diagnostic.line, code))


def glob_matcher(glob: str) -> Callable[[str], bool]:
    """Gitignore-style glob matching against a root-relative, `/`-separated path."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines([glob]).match_file
