"""Parsing only the statements that hold a hit gives what parsing the whole file gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema_lint.model import Occurrence, Problem
from schema_lint.presets import PRESETS
from schema_lint.scanners import GRAMMARS, ScanContext, extractor_class, parser, partial, scan_code
from schema_lint.scanners.source import Source

CTX = ScanContext((*PRESETS["moesif"], *PRESETS["segment"]))
FILLER = "export function helper{n}(a, b) {{\n  const total = a + b;\n  return total * {n};\n}}\n"
CALL = "export function send{n}(props) {{\n  moesif.track('Sent', {{ 'a.b': {n}, c: 'x' }});\n}}\n"


def whole(language: str, data: bytes) -> tuple[list[Occurrence], list[Problem]]:
    tree = parser(language).parse(data)
    extractor = extractor_class(language)(Source(data), tree, CTX.signatures, GRAMMARS[language])
    return extractor.run(), extractor.problems


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[partial.Ranges]:
    """The ranges each partial parse was given."""
    seen: list[partial.Ranges] = []
    original = partial.parse

    def spy(*args: object) -> object:
        seen.append(args[2])  # type: ignore[arg-type]
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(partial, "parse", spy)
    return seen


def test_only_the_statement_with_the_call_is_parsed(parsed: list[partial.Ranges]) -> None:
    text = "".join(FILLER.format(n=n) for n in range(6)) + CALL.format(n=1)
    text += "".join(FILLER.format(n=n) for n in range(6, 9))
    data = text.encode()
    assert scan_code("javascript", data, CTX) == whole("javascript", data)
    begin = data.index(b"export function send")
    assert parsed == [((begin, data.index(b"export function helper6")),)]


@pytest.mark.parametrize(
    "text",
    [
        # the metadata is a constant declared in another statement
        "const META = { 'a.b': 1 };\n\nexport function f() {\n  moesif.track('E', META);\n}\n"
        + FILLER.format(n=1) * 4,
        # the call sits in a template literal that spans lines
        "const doc = `\nmoesif.track('E', { 'a.b': 1 });\n`;\n" + FILLER.format(n=1) * 4,
        # a syntax error right before the call
        FILLER.format(n=1) * 4 + "export function f( {\n  moesif.track('E', { 'a.b': 1 });\n}\n",
    ],
    ids=["constant-elsewhere", "template-literal", "syntax-error"],
)
def test_the_whole_file_when_the_part_is_not_enough(text: str) -> None:
    data = text.encode()
    assert scan_code("typescript", data, CTX) == whole("typescript", data)


def test_python_statements() -> None:
    text = (
        "import analytics\n\n\n"
        + "def helper(x):\n    return x * 2\n\n\n" * 5
        + "def send(user):\n    analytics.track(user.id, 'E', {'a.b': 1, 'n': 2})\n\n\n"
        + "class Other:\n    def run(self):\n        return 1\n" * 3
    )
    data = text.encode()
    found, problems = scan_code("python", data, CTX)
    assert (found, problems) == whole("python", data)
    assert [e.key for e in found[0].metadata.entries] == ["a.b", "n"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["filler", "call", "const", "comment"]), min_size=1, max_size=12))
def test_same_findings_as_the_whole_file(blocks: list[str]) -> None:
    """Whatever statements surround the calls, the findings are the whole parse's."""
    parts = {
        "filler": FILLER,
        "call": CALL,
        "const": "const META{n} = {{ 'k.{n}': {n} }};\n",
        "comment": "/*\nmoesif.track('E', {{ 'c.{n}': 1 }});\n*/\n",
    }
    text = "".join(parts[block].format(n=n) for n, block in enumerate(blocks))
    text += "".join(f"moesif.track('E', META{n});\n" for n, b in enumerate(blocks) if b == "const")
    data = text.encode()
    assert scan_code("typescript", data, CTX) == whole("typescript", data)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "typescript",
            "import { Plan } from './plan';\n\n" + FILLER.format(n=1) * 3 + "export function f("
            "p: Plan) {\n  moesif.track('E', { kind: p.kind, 'a.b': 1 });\n}\n",
        ),
        (
            "typescript",
            "import { LIMIT } from './limits';\n\n" + FILLER.format(n=1) * 3 + "export function"
            " f() {\n  moesif.track('E', { limit: LIMIT });\n}\n",
        ),
        (
            "python",
            "from app.plans import PLAN\n\n\n" + "def helper(x):\n    return x\n\n\n" * 4
            + "def send(uid):\n    analytics.track(uid, 'E', {'plan': PLAN, 'a.b': 1})\n",
        ),
    ],
    ids=["imported-type", "imported-constant", "python-imported-constant"],
)
def test_imports_need_the_whole_file(language: str, text: str) -> None:
    """What typing needs from imports (noted for the typing pass) comes from a whole parse."""
    from schema_lint.scanners import _extract_whole, extract
    from schema_lint.wrappers import Hooks

    data = text.encode()
    hooks = Hooks("a.ts", (), (), True)
    assert extract(language, data, CTX, path="a.ts") == _extract_whole(
        language, data, Source(data), CTX, "a.ts", hooks
    )
