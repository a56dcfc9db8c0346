"""Text shared by the human formats: escaped names, places, type lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

from schema_lint.catalog.model import Location

NO_NAME = "(no action name)"
# C0/C1 controls and the characters some viewers take as line breaks: shown as escapes
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Names come from scanned files: keep them on one line, every character visible."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def place(location: Location) -> str:
    return f"{location.path}:{location.line}:{location.column}"


def event_name(name: str | None) -> str:
    return NO_NAME if name is None else printable(name)


def joined(items: Iterable[str]) -> str:
    return ", ".join(items)
