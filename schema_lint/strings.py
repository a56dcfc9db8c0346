"""Small text helpers shared by the scanners, the rules, the lockfile and the reporters."""

from __future__ import annotations

import re

# A lone UTF-16 surrogate, as a `\ud800` escape can decode to: it cannot be encoded, printed
# or stored in YAML.
SURROGATE = re.compile("[\ud800-\udfff]")
ELLIPSIS = "..."


def shorten(text: str, limit: int, middle: bool = True) -> str:
    """`text` cut to at most `limit` characters, marked by `...`: in the middle (both ends of
    a key or path say the most) or, with `middle=False`, at the end."""
    if len(text) <= limit:
        return text
    if not middle:
        return text[: limit - len(ELLIPSIS)] + ELLIPSIS
    half = (limit - len(ELLIPSIS)) // 2
    return f"{text[:half]}{ELLIPSIS}{text[-half:]}"


def where(path: str, line: int, column: int) -> str:
    """A place as editors and terminals link it: `path:line:column`."""
    return f"{path}:{line}:{column}"
