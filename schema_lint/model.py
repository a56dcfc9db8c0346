"""The values handed from scanners to rules: spans, metadata trees, occurrences, file scans.

Everything here is immutable and picklable, so a file's scan can cross a process boundary
and be stored in the cache unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

NAMESPACES = ("events", "users", "companies")
PAYLOAD_KEY = "action_name"  # an HTTP API body names its action here, beside `metadata`


class Span(NamedTuple):
    """A source range: 1-based lines, 1-based character (not byte) columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        return (self.line, self.column) <= (line, column) < (self.end_line, self.end_column)

    def encloses(self, other: Span) -> bool:
        """True when `other` lies within this span, ends included."""
        return (self.line, self.column) <= (other.line, other.column) and (
            other.end_line,
            other.end_column,
        ) <= (self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Value:
    """A metadata value: its type (see typing_.py), where it is, and its children.

    Objects carry `entries`, arrays carry `items`; scalars carry neither.
    """

    type: str
    span: Span
    entries: tuple[Entry, ...] = ()
    items: tuple[Value, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """One key of an object literal.

    `span` covers the key token as written (quotes included); `name_span` covers only the
    characters of the name, which is what a fix replaces. `bound` marks a key written in an
    object bound to a name (`const props = {...}`) and reached through that name rather than
    written straight into the call or payload: other code may read the object back, so
    renaming its key is not a safe fix.
    """

    key: str
    span: Span
    value: Value
    name_span: Span | None = None
    bound: bool = False


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Metadata sent once: a tracking call, an API payload, an example document."""

    namespace: str
    metadata: Value
    action: str | None = None
    action_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a scanner could not read (parse errors, nesting limits): becomes SL006."""

    message: str
    span: Span


class Wrapper(NamedTuple):
    """A function or method found to forward its parameters into a tracking call: a call
    signature itself (see schema_lint.wrappers)."""

    text: str  # its signature, e.g. "trackEvent(EVENT, METADATA)"
    namespace: str
    language: str
    owner: str  # the class of a method wrapper, else ""
    line: int

    @property
    def needle(self) -> str:
        """What a file that calls it must mention: the class of a method, else its name."""
        return self.owner or self.text.partition("(")[0]


class ClientExport(NamedTuple):
    """A module-level variable or function of a file that holds or returns an SDK client."""

    name: str
    types: tuple[str, ...]  # the client classes and factories it is built by
    language: str
    line: int


@dataclass(frozen=True, slots=True)
class FileScan:
    """Everything the rules need from one file; the unit of caching and of parallel work.

    `suppressions` maps a line to the codes ignored on it (an empty tuple means all codes).
    """

    path: str
    occurrences: tuple[Occurrence, ...] = ()
    problems: tuple[Problem, ...] = ()
    suppressions: tuple[tuple[int, tuple[str, ...]], ...] = ()
    lines: int = 0
    wrappers: tuple[Wrapper, ...] = ()
    clients: tuple[ClientExport, ...] = ()
    # modules this file imports names from that typing its metadata needed (schema_lint.retype)
    imports: tuple[str, ...] = ()
