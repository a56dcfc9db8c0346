"""Single-file components (Vue, Svelte, Astro): the code of their `<script>` blocks and of
Astro's `---` frontmatter, scanned as JavaScript or TypeScript.

Everything outside the code is blanked to spaces, keeping every byte offset and line end, so
the file parses as one program whose rows and byte columns are the file's own. Columns are
counted in the original text, so code on the tag's line and non-ASCII markup before it keep
their exact positions.
"""

from __future__ import annotations

import re

from schema_lint.model import Occurrence, Problem
from schema_lint.scanners import ScanContext, scan_code
from schema_lint.scanners.source import Source

_SCRIPT = re.compile(rb"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script\s*>", re.S | re.I)
_FRONTMATTER = re.compile(rb"\A\s*---[ \t]*\n(.*?)^---[ \t]*$", re.S | re.M)
_LANG = re.compile(rb"""\blang\s*=\s*["']?([\w-]+)""", re.I)
_TYPE = re.compile(rb"""\btype\s*=\s*["']?([\w/+.-]+)""", re.I)
_JS_TYPES = frozenset((b"module", b"text/javascript", b"application/javascript", b"text/babel"))
_TS_WORDS = {b"ts": "typescript", b"typescript": "typescript", b"tsx": "tsx"}
_BLANK = bytes(10 if byte == 10 else 32 for byte in range(256))  # all but `\n` to a space


def code_regions(data: bytes, astro: bool) -> tuple[list[tuple[int, int]], str]:
    """Byte ranges of the code in a component, and the language to parse them as."""
    regions: list[tuple[int, int]] = []
    language = "typescript" if astro else "javascript"  # Astro code is TypeScript
    if astro and (front := _FRONTMATTER.match(data)) is not None:
        regions.append(front.span(1))
    for script in _SCRIPT.finditer(data):
        attributes = script.group(1)
        kind = _TYPE.search(attributes)
        if kind is not None and kind.group(1).lower() not in _JS_TYPES:
            continue  # JSON, templates and the like are not code
        lang = _LANG.search(attributes)
        if lang is not None:
            language = _TS_WORDS.get(lang.group(1).lower(), language)
        regions.append(script.span(2))
    return regions, language


def candidate(data: bytes, ctx: ScanContext) -> bool:
    """Whether the file's bytes pass the code prefilter (read before decoding); JavaScript and
    TypeScript look for the same names."""
    return ctx.prefilter("typescript").admits(data)


def scan(
    data: bytes, ctx: ScanContext, example: bool, path: str = ""
) -> tuple[list[Occurrence], list[Problem]]:
    regions, language = code_regions(data, path.lower().endswith(".astro"))
    if not regions:
        return [], []
    code = bytearray(data.translate(_BLANK))
    for start, end in regions:
        code[start:end] = data[start:end]
    return scan_code(language, bytes(code), ctx, Source(data))
