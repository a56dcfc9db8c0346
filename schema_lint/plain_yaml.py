"""The usual config, read without PyYAML: `key: value` lines of plain words and flow lists.

Importing PyYAML takes 8 ms (half of it compiling a regular expression over all of Unicode),
more than a warm run spends checking the files, and a first run, as in CI, always pays it. Most
configs are a few lines such as `presets: [moesif, segment]`. `load` reads exactly such texts:
ASCII lines of `key: value` at the left margin, whose values are words that YAML reads as
strings, integers, `true`/`false`, or flow lists of such words, with blank and `#` lines
between. For anything else (quotes, comments after a value, nesting, block lists, a word YAML
reads as a boolean or null...) it returns None, and PyYAML reads the text.
tests/test_plain_yaml.py holds the two equal wherever `load` answers.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):[ ]+([^ ](?:.*[^ ])?)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./-]*")
_INTEGER = re.compile(r"0|[1-9][0-9]*")  # no leading zero: YAML 1.1 reads `010` as octal
# plain words YAML 1.1 reads as booleans or null, in any case (some spellings are strings to
# PyYAML, but they are left to it)
_NOT_STRINGS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
_NO = object()


def load(text: str) -> dict[str, object] | None:
    """The mapping PyYAML's safe loader gives for `text`, or None when `text` is not of the
    plain kind read here (a repeated key included: PyYAML's loader reports it)."""
    if not text.isascii() or "\t" in text or "\r" in text:
        return None
    table: dict[str, object] = {}
    for line in text.split("\n"):
        if not line.strip(" ") or line.startswith("#"):
            continue
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        key, written = found.groups()
        value = _value(written)
        if key in table or key.lower() in _NOT_STRINGS or value is _NO:
            return None
        table[key] = value
    return table


def _value(written: str) -> object:
    if written in ("true", "false"):
        return written == "true"
    if _INTEGER.fullmatch(written):
        return int(written)
    if written.startswith("[") and written.endswith("]"):
        inner = written[1:-1].strip(" ")
        items = [item.strip(" ") for item in inner.split(",")] if inner else []
        return items if all(_is_string(item) for item in items) else _NO
    return written if _is_string(written) else _NO


def _is_string(word: str) -> bool:
    return _WORD.fullmatch(word) is not None and word.lower() not in _NOT_STRINGS
