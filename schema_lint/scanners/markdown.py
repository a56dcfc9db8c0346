"""Markdown: fenced code blocks are scanned as code or JSON, at their place in the file.

Fences follow CommonMark: three or more backticks or tildes indented by up to three spaces;
the first word of the info string names the language; the block ends at a fence of the same
character at least as long, or at the end of the document. Content lines lose the fence's
indentation, which is added back to columns. Fences inside list items indented by four
spaces or more, and inside block quotes, are not recognized.

Snippets in docs are often incomplete on purpose (`...` placeholders), so syntax errors in
fences, like invalid JSON, are reported only when the file matches the `examples` globs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from schema_lint.languages import FENCES
from schema_lint.model import Occurrence, Problem
from schema_lint.prefilter import QUOTED_PAYLOAD_KEY
from schema_lint.scanners import ScanContext, scan_code
from schema_lint.scanners.json_ import extract
from schema_lint.scanners.source import Source, unify_line_ends

LANGUAGES = FENCES  # info word -> language, from the registry
# what `_opening` and `_closing` find, as regular expressions (the tests compare them): the
# same found by substring search, over every Markdown file that mentions a name of ours
OPENING = re.compile(rb"^( {0,3})(`{3,}|~{3,})[ \t]*([^\n]*)$", re.M)


@lru_cache(maxsize=16)
def closing_pattern(fence: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"^ {0,3}" + re.escape(fence) + re.escape(fence[:1]) + rb"*[ \t]*\r?$", re.M)


class Fence(NamedTuple):
    start: int  # of its line
    end: int  # of its line, before the newline
    indent: bytes
    fence: bytes
    info: bytes


def _opening(data: bytes, pos: int, seen: dict[bytes, int] | None = None) -> Fence | None:
    """The first opening fence on a line starting at `pos` or after (OPENING's search).
    `seen`: where each kind of fence was found last (-1: nowhere after), so that a document
    without tildes is not searched to its end for them at every fence."""
    seen = {} if seen is None else seen
    while True:
        for kind in (b"```", b"~~~"):
            last = seen.get(kind)
            if last is None or -1 < last < pos:
                seen[kind] = data.find(kind, pos)
        ticks, tildes = seen[b"```"], seen[b"~~~"]
        at = min(ticks, tildes) if ticks >= 0 and tildes >= 0 else max(ticks, tildes)
        if at < 0:
            return None
        line = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        indent = data[line:at]
        if line >= pos and len(indent) <= 3 and not indent.strip(b" "):
            after = end - len(data[at:end].lstrip(data[at : at + 1]))  # the fence's end
            return Fence(line, end, indent, data[at:after], data[after:end].lstrip(b" \t"))
        pos = end + 1


def _closing(data: bytes, fence: bytes, pos: int) -> Fence | None:
    """The first line from `pos` on that closes `fence` (closing_pattern's search)."""
    while (at := data.find(fence, pos)) >= 0:
        line = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        indent = data[line:at]
        rest = data[at:end].lstrip(fence[:1]).lstrip(b" \t")
        if len(indent) <= 3 and not indent.strip(b" ") and rest in (b"", b"\r"):
            return Fence(line, end, indent, fence, b"")
        pos = end + 1
    return None


def fences(data: bytes) -> list[tuple[str, bytes, int, int]]:
    """(info word, content, line of the opening fence, indentation) of every fenced block."""
    found: list[tuple[str, bytes, int, int]] = []
    pos = line_pos = 0
    line = 1
    seen: dict[bytes, int] = {}
    while (opening := _opening(data, pos, seen)) is not None:
        _, pos, indent, fence, info = opening
        if fence.startswith(b"`") and b"`" in info:
            continue  # inline code such as ```x``` is not a fence
        line += data.count(b"\n", line_pos, opening.start)
        line_pos = opening.start
        start = opening.end + 1
        closing = _closing(data, fence, start)
        end = closing.start if closing else len(data)
        body, pos = data[start:end], closing.end if closing else len(data)
        width = len(indent)
        content = b"\n".join(_dedent(raw, width) for raw in body.split(b"\n")) if width else body
        words = info.split()
        word = words[0].decode("utf-8", "replace").lower() if words else ""  # not yet decoded
        found.append((word, content, line, width))
    return found


def _dedent(line: bytes, width: int) -> bytes:
    prefix = line[:width]
    return line[len(prefix) - len(prefix.lstrip(b" ")) :]


def candidate(data: bytes, ctx: ScanContext) -> bool:
    """Whether a fence would be scanned and passes its prefilter (read before decoding)."""
    if b"```" not in data and b"~~~" not in data:
        return False
    for word, content, _, _ in fences(unify_line_ends(data)):
        language = LANGUAGES.get(word)
        if language == "json":
            if QUOTED_PAYLOAD_KEY in content:
                return True
        elif language is not None and ctx.prefilter(language).admits(content):
            return True
    return False


def scan(
    data: bytes, ctx: ScanContext, example: bool, path: str = ""
) -> tuple[list[Occurrence], list[Problem]]:
    """JSON fences hold payloads; in an examples file each one is also a metadata example."""
    if b"```" not in data and b"~~~" not in data:
        return [], []
    occurrences: list[Occurrence] = []
    problems: list[Problem] = []
    for word, content, line, indent in fences(data):
        language = LANGUAGES.get(word)
        if language is None:
            continue
        if language == "json":
            if not example and QUOTED_PAYLOAD_KEY not in content:
                continue
            found, trouble = extract(content, example, word == "jsonc", line, indent)
        else:
            source = Source(content, line_offset=line, column_offset=indent)
            found, trouble = scan_code(language, content, ctx, source)
        occurrences.extend(found)
        if example:
            problems.extend(trouble)
    return occurrences, problems
