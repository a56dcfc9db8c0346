"""Hypothesis strategies for metadata, and printers that render it as source code.

A metadata tree is plain data: dicts with string keys, lists, str, int, float, bool, None.
Each printer renders a tree as a tracking call (JS/TS, Python) or an API payload (JSON), with
random layout, quoting and escaping, and records where it put every key: the scanners must
give back exactly those keys, paths, types, lines and columns.

Profiles (chosen with the HYPOTHESIS_PROFILE environment variable, default `ci`): `ci` runs a
bounded number of examples, `long` is for fuzzing campaigns (see tests/test_fuzz.py).
"""

from __future__ import annotations

import codecs
import json
import keyword
import os
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from schema_lint.languages import BY_NAME
from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext
from schema_lint.signatures import parse

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    database=None,  # CI must not write a .hypothesis folder into the work tree
    derandomize=True,  # the same examples every run: CI is no lottery; `long` explores
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=20_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("quick", max_examples=10, deadline=None, database=None)


def load_profile() -> None:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# the presets are for JS and Python; a signature without a language serves the other languages
ANY_LANGUAGE = (parse("client.Track(_, METADATA)"),)
CONTEXT = ScanContext(PRESETS["moesif"] + PRESETS["segment"] + ANY_LANGUAGE)

Tree: TypeAlias = dict[str, Any]

# -- strategies -------------------------------------------------------------------------------

# fmt: off
_SPECIAL = [
    *".'\"\\`$ _-\t\n\r/*#{}[]:,0",
    "é", "ß", "日本", "😀", "👩\u200d💻", "\u2028", "\u2029", "\x00", "\x7f", "\u200b", "\ufeff",
    "\x85", "${", "\\u", "a.b", "..", "İ", "ﬁ",
]
# fmt: on
_TEXT = st.one_of(st.sampled_from(_SPECIAL), st.characters(codec="utf-8"))
_IDENTIFIERS = st.sampled_from(
    [
        "a",
        "plan",
        "sign_up",
        "$x",
        "_",
        "get",
        "set",
        "async",
        "static",
        "class",
        "new",
        "default",
        "constructor",
        "__proto__",
        "true",
        "null",
        "of",
        "in",
        "as",
        "type",
    ]
)

keys = st.one_of(
    st.lists(_TEXT, max_size=8).map("".join),
    _IDENTIFIERS,
    st.from_regex(r"\A[a-z]{1,6}(\.[a-z]{1,6}){0,2}\Z"),
)
strings = st.lists(_TEXT, max_size=8).map("".join)
numbers = st.one_of(
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -0.0, 1.0, 0.5, 1e21, 1e-7, 123456.0]),
)
_SCALAR_KINDS = (strings, numbers, st.booleans())


def _objects(depth: int) -> st.SearchStrategy[Tree]:
    return st.dictionaries(keys, _values(depth - 1), max_size=4)


def _arrays(depth: int) -> st.SearchStrategy[list[Any]]:
    """Arrays of one kind, with nulls; sometimes (rarely) a mixed array, typed array<unknown>."""
    kinds: list[st.SearchStrategy[Any]] = list(_SCALAR_KINDS)
    if depth > 0:
        kinds.append(_objects(depth))
        kinds.append(st.lists(numbers, max_size=3))  # array<array<number>>, integers and floats
    homogeneous = [st.lists(st.one_of(kind, st.none()), max_size=4) for kind in kinds]
    mixed = st.lists(st.one_of(*_SCALAR_KINDS), max_size=3)
    return st.one_of(*homogeneous, mixed)


def _values(depth: int) -> st.SearchStrategy[Any]:
    scalars = st.one_of(*_SCALAR_KINDS, st.none())
    if depth <= 0:
        return scalars
    return st.one_of(scalars, scalars, _objects(depth), _arrays(depth - 1))


def metadata(depth: int = 3) -> st.SearchStrategy[Tree]:
    """A metadata object: random keys, every JSON type, nested objects and arrays."""
    return _objects(depth)


# -- the expected types (the JSON view: integers and floats are `number`) ----------------------


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    return f"array<{_element([json_type(item) for item in value])}>"


def _element(types: list[str]) -> str:
    common = "unknown"
    for type_ in types:
        if type_ == "null":
            continue
        joined = _join(common, type_)
        if joined is None:
            return "unknown"  # a mixed array
        common = joined
    return common


def _join(a: str, b: str) -> str | None:
    if a == "unknown" or a == b:
        return b
    if b == "unknown":
        return a
    if a.startswith("array<") and b.startswith("array<"):
        inner = _join(a[6:-1], b[6:-1])
        return None if inner is None else f"array<{inner}>"
    return None


# -- printing with positions ------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """A key the printer wrote: what a flattened row must say about it."""

    raw_key: str
    key: str
    path: str
    type: str
    line: int
    column: int
    value: Any = field(compare=False, default=None)


@dataclass
class Writer:
    """Builds source text and knows the line and character column it is at."""

    newline: str = "\n"
    chunks: list[str] = field(default_factory=list)
    line: int = 1
    column: int = 1

    def write(self, text: str) -> None:
        """Write text in which `\\n` is a line end (written as `newline`)."""
        for index, part in enumerate(text.split("\n")):
            if index:
                self.chunks.append(self.newline)
                self.line += 1
                self.column = 1
            self.chunks.append(part)
            self.column += len(part)

    @property
    def position(self) -> tuple[int, int]:
        return self.line, self.column

    def text(self) -> str:
        return "".join(self.chunks)


@dataclass
class Printed:
    language: str  # as scan_file takes it
    suffix: str
    text: str
    expected: list[Expected]
    encoding: str = "utf-8"

    @property
    def data(self) -> bytes:
        if self.encoding == "utf-8-sig":
            return codecs.BOM_UTF8 + self.text.encode("utf-8")
        if self.encoding in ("utf-16-le", "utf-16-be"):
            bom = codecs.BOM_UTF16_LE if self.encoding == "utf-16-le" else codecs.BOM_UTF16_BE
            return bom + self.text.encode(self.encoding)
        return self.text.encode("utf-8")


def _path(prefix: str | None, key: str) -> str:
    return key if prefix is None else f"{prefix}.{key}"


class _Printer:
    """Shared walk over a tree; subclasses render strings, numbers and the layout."""

    language = ""
    trailing_comma = True
    null = "null"
    true, false = "true", "false"
    comments: tuple[str, ...] = ()

    def __init__(self, rnd: random.Random, newline: str = "\n") -> None:
        self.rnd = rnd
        self.out = Writer(newline)
        self.expected: list[Expected] = []
        self.indent = 0

    # layout

    def space(self) -> None:
        """Nothing, a space, a line end with indentation, or a comment."""
        roll = self.rnd.random()
        if roll < 0.4:
            return
        if roll < 0.6:
            self.out.write(self.rnd.choice([" ", "  ", "\t"]))
        elif roll < 0.9 or not self.comments:
            self.out.write("\n" + "  " * self.indent)
        else:
            self.out.write(self.rnd.choice(self.comments) + "  " * self.indent)

    # values

    def expect(self, key: str, path: str, value: Any) -> None:
        """Note a key about to be written at the current position."""
        self.expected.append(
            Expected(key, key.replace(".", "_"), path, json_type(value), *self.out.position, value)
        )

    def value(self, value: Any, path: str) -> None:
        if value is None:
            self.out.write(self.null)
        elif isinstance(value, bool):
            self.out.write(self.true if value else self.false)
        elif isinstance(value, int | float):
            self.out.write(self.number(value))
        elif isinstance(value, str):
            self.out.write(self.string(value, is_key=False))
        elif isinstance(value, dict):
            self.object(value, path)
        else:
            self.array(value, path + "[]")

    def number(self, value: float) -> str:
        """JS and Python both read hex and `_` separators; JSON overrides this."""
        text = repr(value)
        if isinstance(value, int) and value >= 0 and self.rnd.random() < 0.2:
            text = self.rnd.choice([hex(value), f"{value:_}" if value > 999 else text])
        return text

    dropped: tuple[str, ...] = ()  # entries that send no key at all

    braces = ("{", "}")  # what opens and closes an object

    def object(self, tree: Tree, prefix: str | None) -> None:
        opening, closing = self.braces
        self.out.write(opening)
        self.indent += 1
        for index, (key, value) in enumerate(tree.items()):
            self.space()
            if self.dropped and self.rnd.random() < 0.1:
                self.out.write(self.rnd.choice(self.dropped) + ",")
                self.space()
            path = _path(prefix, key)
            self.expect(key, path, value)
            self.key(key)
            self.space()
            self.out.write(self.separator())
            self.space()
            self.value(value, path)
            self.space()
            if index < len(tree) - 1 or (self.trailing_comma and self.rnd.random() < 0.3):
                self.out.write(",")
        self.indent -= 1
        self.space()
        self.out.write(closing)

    def array(self, items: list[Any], path: str) -> None:
        self.out.write("[")
        for index, item in enumerate(items):
            self.space()
            self.value(item, path)
            self.space()
            if index < len(items) - 1 or (self.trailing_comma and self.rnd.random() < 0.3):
                self.out.write(",")
        self.out.write("]")

    def key(self, key: str) -> None:
        self.out.write(self.string(key, is_key=True))

    def separator(self) -> str:
        """What stands between a key and its value."""
        return ":"

    def string(self, text: str, is_key: bool) -> str:
        raise NotImplementedError

    def document(self, tree: Tree) -> None:
        raise NotImplementedError

    def printed(self, tree: Tree) -> Printed:
        self.document(tree)
        return Printed(self.language, self.suffix, self.out.text(), self.expected)

    @property
    def suffix(self) -> str:
        return BY_NAME[self.language].suffixes[0]


# JavaScript and TypeScript ---------------------------------------------------------------------

_JS_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")
_JS_SIMPLE = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def _utf16_escapes(char: str) -> str:
    units = char.encode("utf-16-be")
    return "".join(f"\\u{units[i] << 8 | units[i + 1]:04x}" for i in range(0, len(units), 2))


class JavaScriptPrinter(_Printer):
    language = "javascript"
    comments = ("/* a, b: 1 */", "// x: {\n", "/*\n 'k.k': 1 */")
    dropped = (
        "'un.defined': undefined",
        "'f.n': () => ({ 'x.y': 1 })",
        "m() { return { 'x.y': 1 }; }",
        "get 'g.g'() { return 1; }",
        "async *gen() {}",
        "'f.unction': function () {}",
    )

    def string(self, text: str, is_key: bool) -> str:
        """A string literal; a template literal too, except as a plain (uncomputed) key."""
        template = not is_key and self.rnd.random() < 0.3
        quote = self.rnd.choice("`" if template else "'\"")
        out = [quote]
        for index, char in enumerate(text):
            after = text[index + 1 : index + 2]
            out.append(self.escape(char, quote, after))
            if self.rnd.random() < 0.05:
                out.append("\\\n")  # a line continuation: no character, one more line
        out.append(quote)
        return "".join(out)

    def escape(self, char: str, quote: str, after: str) -> str:
        code = ord(char)
        rnd = self.rnd
        if char in (quote, "\\") or (quote == "`" and char == "$"):
            return "\\" + char
        if char in _JS_SIMPLE:
            return rnd.choice([_JS_SIMPLE[char], f"\\x{code:02x}", f"\\u{code:04X}"])
        if char == "\0":
            return "\\x00" if after.isdigit() else rnd.choice(["\\0", "\\x00", "\\u{0}"])
        # legacy octal escapes (sloppy mode; never in template literals)
        octal = [f"\\{code:03o}"] if code < 0o400 and quote != "`" else []
        if code < 0x20 or code == 0x7F:
            return rnd.choice([f"\\x{code:02x}", f"\\u{code:04x}", *octal])
        roll = rnd.random()
        if roll < 0.03 and octal:
            return octal[0]
        if code > 0x7F:
            if roll < 0.4:
                return char
            if roll < 0.7:
                return _utf16_escapes(char)
            return f"\\u{{{code:X}}}"
        if roll < 0.05 and char not in "bfnrtvux0123456789\n":
            return "\\" + char  # an identity escape
        if roll < 0.1:
            return f"\\x{code:02X}"
        return char

    def key(self, key: str) -> None:
        roll = self.rnd.random()
        numeric = key.isdigit() and key.isascii() and str(int(key)) == key
        if (_JS_IDENTIFIER.match(key) or numeric) and roll < 0.6:
            self.out.write(key)
        elif roll < 0.8:
            self.out.write(self.string(key, is_key=True))
        else:
            self.out.write("[")
            self.space()
            self.expected[-1] = _moved(self.expected[-1], self.out.position)
            self.out.write(self.string(key, is_key=False))
            self.space()
            self.out.write("]")

    def document(self, tree: Tree) -> None:
        rnd = self.rnd
        self.out.write(rnd.choice(["", "// tracking\n", "const x = {'a.b': 1};\n", "/* c */\n"]))
        callee = rnd.choice(["moesif.track", "window.moesif.track", "moesif?.track"])
        self.out.write(f"{callee}(")
        self.space()
        self.out.write(rnd.choice(["'Ev'", '"Ev"', "`Ev`"]) + ",")
        self.space()
        self.object(tree, None)
        self.space()
        self.out.write(");\n" + rnd.choice(["", "moesif.track('Other', {});\n"]))


class TypeScriptPrinter(JavaScriptPrinter):
    language = "typescript"

    def document(self, tree: Tree) -> None:
        rnd = self.rnd
        prelude = ["", "type P = Record<string, unknown>;\n", "let n = <number>x;\n"]
        self.out.write(rnd.choice(prelude))
        self.out.write("moesif.track('Ev', ")
        self.object(tree, None)
        self.out.write(rnd.choice(["", " as const", " satisfies P", " as P"]) + ");\n")


class TsxPrinter(JavaScriptPrinter):
    language = "tsx"

    def document(self, tree: Tree) -> None:
        self.out.write("const A = () => <div onClick={() => moesif.track('Ev', ")
        self.object(tree, None)
        self.out.write(")} />;\n")


def _moved(expected: Expected, position: tuple[int, int]) -> Expected:
    return replace(expected, line=position[0], column=position[1])


# Python -----------------------------------------------------------------------------------------

_PY_SIMPLE = {
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
    "\a": "\\a",
}


class PythonPrinter(_Printer):
    language = "python"
    null, true, false = "None", "True", "False"
    comments = ("# 'a.b': 1,\n",)

    def string(self, text: str, is_key: bool) -> str:
        rnd = self.rnd
        if len(text) > 1 and rnd.random() < 0.15:  # implicit concatenation
            cut = rnd.randrange(1, len(text))
            return (
                self.string(text[:cut], is_key)
                + rnd.choice([" ", "\n", ""])
                + self.string(text[cut:], is_key)
            )
        quote = rnd.choice(["'", '"', "'''", '"""'])
        prefix = rnd.choice(["", "", "u", "U"])
        if not is_key and rnd.random() < 0.1:
            prefix = rnd.choice(["f", "F"])  # no placeholders: still a plain string
        plain = not re.search(r"[\\'\"{}\x00-\x1f\x7f-\x9f\u2028\u2029]", text)
        if plain and rnd.random() < 0.3:
            return rnd.choice(["r", "R"]) + quote + text + quote
        out = [prefix, quote]
        for index, char in enumerate(text):
            after = text[index + 1 : index + 2]
            out.append(self.escape(char, quote, after, braces="f" in prefix.lower()))
            if rnd.random() < 0.05:
                out.append("\\\n")
        out.append(quote)
        return "".join(out)

    def escape(self, char: str, quote: str, after: str, braces: bool) -> str:
        code = ord(char)
        rnd = self.rnd
        if char in ("\\", "'", '"'):
            return "\\" + char if char == "\\" or char == quote[0] or len(quote) == 3 else char
        if braces and char in "{}":
            return char * 2
        if char == "\n" and len(quote) == 3 and rnd.random() < 0.5:
            return "\n"  # a real line end inside a triple-quoted string
        if char in _PY_SIMPLE:
            return rnd.choice([_PY_SIMPLE[char], f"\\x{code:02x}", f"\\{code:03o}"])
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return rnd.choice([f"\\x{code:02x}", f"\\u{code:04x}", f"\\{code:03o}"])
        if char in "\u2028\u2029":
            return rnd.choice([char, f"\\u{code:04x}"])
        roll = rnd.random()
        if code > 0x7F:
            name = unicodedata.name(char, "")
            if roll < 0.4:
                return char
            if roll < 0.6 and name:
                return f"\\N{{{name}}}"
            if roll < 0.8:
                return f"\\U{code:08x}"
            return f"\\u{code:04x}" if code <= 0xFFFF else char
        if roll < 0.05:
            return f"\\x{code:02x}"
        return char

    def object(self, tree: Tree, prefix: str | None) -> None:
        plain_names = all(
            k.isidentifier() and k.isascii() and not keyword.iskeyword(k) for k in tree
        )
        if tree and plain_names and self.rnd.random() < 0.3:
            self.call_dict(tree, prefix)
        else:
            super().object(tree, prefix)

    def call_dict(self, tree: Tree, prefix: str | None) -> None:
        self.out.write("dict(")
        for index, (key, value) in enumerate(tree.items()):
            self.space()
            path = _path(prefix, key)
            self.expect(key, path, value)
            self.out.write(key)
            self.space()
            self.out.write("=")
            self.space()
            self.value(value, path)
            if index < len(tree) - 1:
                self.out.write(",")
        self.out.write(")")

    def array(self, items: list[Any], path: str) -> None:
        if self.rnd.random() < 0.2:
            self.out.write("(")
            for item in items:
                self.value(item, path)
                self.out.write(", ")
            self.out.write(")")
        else:
            super().array(items, path)

    def document(self, tree: Tree) -> None:
        rnd = self.rnd
        self.out.write(rnd.choice(["", "import analytics\n", '"""Doc\nstring."""\n', "# c\n"]))
        self.out.write(rnd.choice(["analytics.track(", "segment.analytics.track("]))
        self.space()
        self.out.write("'u', 'Ev',")
        self.space()
        self.object(tree, None)
        self.space()
        self.out.write(")\n")


# JSON -------------------------------------------------------------------------------------------


class JsonPrinter(_Printer):
    language = "json"
    trailing_comma = False

    def string(self, text: str, is_key: bool) -> str:
        return json.dumps(text, ensure_ascii=self.rnd.random() < 0.5)

    def space(self) -> None:
        roll = self.rnd.random()
        if roll < 0.5:
            return
        self.out.write(self.rnd.choice([" ", "\t", "\n  ", "\n"]))

    def number(self, value: float) -> str:
        return json.dumps(value)

    def document(self, tree: Tree) -> None:
        batch = self.rnd.random() < 0.3
        self.out.write("[" if batch else "")
        self.out.write('{"action_name": "Ev",')
        self.space()
        self.out.write('"metadata":')
        self.space()
        self.object(tree, None)
        self.out.write("}" + ("]" if batch else "") + "\n")


# Go, Ruby and PHP ------------------------------------------------------------------------------


def _escaped(text: str, rnd: random.Random, special: str, style: str) -> str:
    """A double-quoted string body: `\\u` escapes for specials, controls and, at random,
    for other characters; PHP writes `\\u{...}`, Go writes `\\U` for astral characters and
    Ruby (whose `\\u{...}` Python does not read) leaves those as they are."""
    out = []
    for char in text:
        code = ord(char)
        control = code < 0x20 or code == 0x7F
        if char in special or control or (code < 0x10000 and rnd.random() < 0.1):
            out.append(f"\\u{{{code:x}}}" if style == "php" else f"\\u{code:04x}")
        elif code >= 0x10000 and style == "go" and rnd.random() < 0.3:
            out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


class _InlinePrinter(_Printer):
    """Spaces but no line ends between tokens: Go ends statements at them."""

    comments: tuple[str, ...] = ("/* a, b: 1 */",)

    def space(self) -> None:
        roll = self.rnd.random()
        if roll < 0.5:
            return
        self.out.write(self.rnd.choice([" ", "\t", *self.comments]))


class GoPrinter(_InlinePrinter):
    language = "go"
    null = "nil"

    def string(self, text: str, is_key: bool) -> str:
        plain = "`" not in text and "\r" not in text and "\x00" not in text
        if plain and self.rnd.random() < 0.2:
            return f"`{text}`"  # a raw string: no escapes at all
        return '"' + _escaped(text, self.rnd, '"\\', "go") + '"'

    def object(self, tree: Tree, prefix: str | None) -> None:
        self.out.write(self.rnd.choice(["map[string]any", "map[string]interface{}"]))
        super().object(tree, prefix)

    def array(self, items: list[Any], path: str) -> None:
        self.out.write("[]any{")
        for item in items:
            self.value(item, path)
            self.out.write(",")
            self.space()
        self.out.write("}")

    def document(self, tree: Tree) -> None:
        self.out.write("package a\n\nfunc f() {\n\tclient.Track(ctx, ")
        self.object(tree, None)
        self.out.write(")\n}\n")


_RUBY_SYMBOL = re.compile(r"[a-z_][A-Za-z0-9_]*\Z")


class RubyPrinter(_InlinePrinter):
    language = "ruby"
    null = "nil"
    comments = ()
    symbol = False

    def string(self, text: str, is_key: bool) -> str:
        # a raw line end inside quotes would be written as the file's line end (CRLF)
        if not re.search("[\\x00\\r\\n]", text) and self.rnd.random() < 0.5:
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return '"' + _escaped(text, self.rnd, '"\\#', "ruby") + '"'

    def key(self, key: str) -> None:
        self.symbol = bool(_RUBY_SYMBOL.match(key)) and self.rnd.random() < 0.5
        self.out.write(f"{key}:" if self.symbol else self.string(key, is_key=True))

    def separator(self) -> str:
        return "" if self.symbol else "=>"

    def document(self, tree: Tree) -> None:
        self.out.write("client.Track(ctx, ")
        self.object(tree, None)
        self.out.write(")\n")


class PhpPrinter(_Printer):
    language = "php"
    comments = ("/* 'a.b' => 1 */", "// 'x' => [\n", "# 'k.k' => 1,\n")

    def string(self, text: str, is_key: bool) -> str:
        # a raw line end inside quotes would be written as the file's line end (CRLF)
        if not re.search("[\\x00\\r\\n]", text) and self.rnd.random() < 0.5:
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return '"' + _escaped(text, self.rnd, '"\\$', "php") + '"'

    def separator(self) -> str:
        return "=>"

    def object(self, tree: Tree, prefix: str | None) -> None:
        if not tree:
            self.out.write("(object) []")  # `[]` is an empty list
            return
        self.braces = self.rnd.choice([("[", "]"), ("array(", ")")])
        super().object(tree, prefix)

    def document(self, tree: Tree) -> None:
        self.out.write("<?php\n$this->client->Track($ctx, ")
        self.object(tree, None)
        self.out.write(");\n")


class JavaPrinter(_Printer):
    """`Map.of(k, v, ...)` and `List.of(...)`; no `\\u` escapes: Java reads those before it
    reads the string, so `\\u0022` would end it."""

    language = "java"
    comments = ("/* \"a.b\", 1 */", "// x,\n")

    def string(self, text: str, is_key: bool) -> str:
        out = ['"']
        for char in text:
            code = ord(char)
            if char in '"\\':
                out.append("\\" + char)
            elif code < 0x20 or code == 0x7F or char in "\u2028\u2029\x85":
                out.append(f"\\{code:03o}" if code < 0o400 else char)
            else:
                out.append(char)
        out.append('"')
        return "".join(out)

    def object(self, tree: Tree, prefix: str | None) -> None:
        self.out.write("Map.of(")
        for index, (key, value) in enumerate(tree.items()):
            self.space()
            path = _path(prefix, key)
            self.expect(key, path, value)
            self.key(key)
            self.out.write(",")
            self.space()
            self.value(value, path)
            if index < len(tree) - 1:
                self.out.write(",")
        self.out.write(")")

    def array(self, items: list[Any], path: str) -> None:
        self.out.write("List.of(")
        for index, item in enumerate(items):
            self.value(item, path)
            self.out.write(", " if index < len(items) - 1 else "")
        self.out.write(")")

    def document(self, tree: Tree) -> None:
        self.out.write("class A {\n  void f() {\n    client.Track(ctx, ")
        self.object(tree, None)
        self.out.write(");\n  }\n}\n")


PRINTERS: dict[str, Callable[[random.Random, str], _Printer]] = {
    "javascript": JavaScriptPrinter,
    "typescript": TypeScriptPrinter,
    "tsx": TsxPrinter,
    "python": PythonPrinter,
    "go": GoPrinter,
    "ruby": RubyPrinter,
    "php": PhpPrinter,
    "java": JavaPrinter,
    "json": JsonPrinter,
}
NEWLINES = ("\n", "\r\n", "\r")


def render(language: str, tree: Tree, rnd: random.Random, newline: str = "\n") -> Printed:
    return PRINTERS[language](rnd, newline).printed(tree)
