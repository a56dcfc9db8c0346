"""Syntax errors are findings only where they can hide or corrupt metadata.

The grammars reject some valid code; each construct below is valid TypeScript or TSX that
tree-sitter-typescript 0.23 parses with an ERROR or MISSING node, as real repositories write it.
"""

from __future__ import annotations

import pytest

from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext, parser, scan_file

CTX = ScanContext((*PRESETS["moesif"], *PRESETS["segment"], *PRESETS["posthog"]))

REJECTED = [
    pytest.param(
        "typescript",
        "vi.mock('./api', async (importOriginal) => ({\n"
        "  ...(await importOriginal<typeof import('./api')>()),\n}));\n",
        id="import-type-argument",
    ),
    pytest.param(
        "tsx",
        "const Box = styled.div<{ wide: boolean }>`\n  width: ${(p) => (p.wide ? 2 : 1)}px;\n`;\n",
        id="tagged-template-type-argument",
    ),
    pytest.param("typescript", "type Handler = (string) => void;\n", id="unnamed-parameter"),
    pytest.param(
        "tsx", "export const Terms = () => <p>Terms & conditions</p>;\n", id="jsx-ampersand"
    ),
]
# words that pass the prefilter without being a tracking call
WORDS = (
    "// we capture and track nothing here\n"
    "export const capture = (track: string) => track;\n"
    "const note = 'screen.capture(); analytics.track()';\n"
)
CALL = "posthog.capture('Saved', { 'saved.at': Date.now() });\n"


@pytest.mark.parametrize(("language", "code"), REJECTED)
def test_the_grammar_rejects_these_constructs(language: str, code: str) -> None:
    """If a grammar upgrade accepts one, the tests below no longer test anything for it."""
    assert parser(language).parse(code.encode()).root_node.has_error


@pytest.mark.parametrize(("language", "code"), REJECTED)
def test_rejected_valid_code_beside_words_is_not_a_finding(language: str, code: str) -> None:
    found = scan_file("x", language, (WORDS + code).encode(), CTX, False)
    assert found.problems == () and found.occurrences == ()


@pytest.mark.parametrize(("language", "code"), REJECTED)
@pytest.mark.parametrize("call_first", [True, False])
def test_a_call_elsewhere_in_the_file_is_extracted(
    language: str, code: str, call_first: bool
) -> None:
    text = CALL + code if call_first else code + CALL
    found = scan_file("x", language, text.encode(), CTX, False)
    assert found.problems == ()
    [occurrence] = found.occurrences
    assert occurrence.action == "Saved"
    assert [entry.key for entry in occurrence.metadata.entries] == ["saved.at"]


@pytest.mark.parametrize(
    ("language", "code", "message", "position"),
    [
        (
            "typescript",
            "const a = 1;\nmoesif.track('Paid', {\n  price 10,\n  plan: 'pro',\n});\n",
            "cannot read the metadata of this `moesif.track` call: unexpected `10` on line 3",
            (2, 1),
        ),
        (
            "javascript",
            "window.moesif.track('Paid', { plan: 'pro' }\nnext();\n",
            "cannot read the metadata of this `window.moesif.track` call: unexpected `next` "
            "on line 2",
            (1, 1),
        ),
        (
            "tsx",
            "const props = { plan: 'pro' seats: 3 };\nposthog.capture('Paid', props);\n",
            "cannot read the metadata of this `posthog.capture` call: unexpected `seats: 3` "
            "on line 1",
            (2, 1),
        ),
        (
            "javascript",
            "moesif.track(() => )\n",
            "cannot read the metadata of this `moesif.track` call: missing identifier",
            (1, 1),
        ),
        (
            "typescript",
            "send({ action_name: 'Paid', metadata: { plan: 'pro' seats } });\n",
            "cannot read this `action_name` payload: unexpected `seats`",
            (1, 6),
        ),
        (
            "javascript",
            "app.use(moesif({ getMetadata: (req) => ({ plan: 'pro' seats }) }));\n",
            "cannot read the metadata returned by this `getMetadata` callback: unexpected `seats`",
            (1, 18),
        ),
        (
            "javascript",
            "moesif.track('Broken', { plan: 'pro });\n",
            "cannot read this possible `moesif.track` call: unexpected end of file",
            (1, 1),
        ),
        (
            "python",
            "def broken(:\n    pass\nanalytics.track(uid, 'Paid', {'plan': 'pro' 'seats': 3})\n",
            "cannot read the metadata of this `analytics.track` call: unexpected `: 3`",
            (3, 1),
        ),
        (
            "python",
            "analytics.track(uid, 'Paid', {'plan': 'pro'}\nx = 1\n",
            "cannot read this possible `analytics.track` call: unexpected `{'plan': 'pro'}`",
            (1, 1),
        ),
        (
            "python",
            "analytics.track(uid, 'Paid', {'plan': 'pro',\n    'seats': len(x})\n",
            "cannot read the metadata of this `analytics.track` call: missing `)` on line 2",
            (1, 1),
        ),
        (
            "python",
            "requests.post(URL, json={'action_name': 'Paid', 'metadata': {'a': 1 'b': 2}})\n",
            "cannot read this `action_name` payload: unexpected `1 'b':`",
            (1, 25),
        ),
    ],
)
def test_an_error_inside_a_call_is_reported_at_the_call(
    language: str, code: str, message: str, position: tuple[int, int]
) -> None:
    found = scan_file("x", language, code.encode(), CTX, False)
    assert [(p.message, (p.span.line, p.span.column)) for p in found.problems] == [
        (message, position)
    ]


@pytest.mark.parametrize(
    ("language", "code"),
    [
        ("python", "def broken(:\n    pass\nanalytics.track(uid, 'Paid', {'plan': 'pro'})\n"),
        ("python", "import analytics\nx = (1 2)\nanalytics.track(uid, 'Paid', {'a': 1})\n"),
        ("javascript", "const s = `unterminated ${x}\nmoesif.track('Paid', { plan: 'pro' });\n"),
        ("typescript", "moesif.track('Paid', { plan: 'pro' });\nscreen.capture(x y);\n"),
        ("tsx", "const T = () => <p>We track & measure</p>;\nmoesif.track('Paid', { a: 1 });\n"),
    ],
)
def test_errors_away_from_tracking_calls_are_not_findings(language: str, code: str) -> None:
    assert parser(language).parse(code.encode()).root_node.has_error
    found = scan_file("x", language, code.encode(), CTX, False)
    assert found.problems == ()
    assert [o.action for o in found.occurrences] == ["Paid"]


def test_one_finding_per_broken_call() -> None:
    code = "moesif.track('A', { a: 1 b });\nmoesif.track('B', { c: 1 d });\nf(x y);\n"
    found = scan_file("x", "javascript", code.encode(), CTX, False)
    assert [(p.span.line, p.message[-14:]) for p in found.problems] == [
        (1, "unexpected `b`"),
        (2, "unexpected `d`"),
    ]


def test_deeply_nested_errors_do_not_exhaust_the_stack() -> None:
    depth = 3000
    code = "moesif.track('Deep', { a: " + "[" * depth + "1 2" + "]" * depth + " });\n"
    code += "f(" * depth + "x y" + ")" * depth + ";\n"
    found = scan_file("x", "javascript", code.encode(), CTX, False)
    assert "cannot read the metadata of this `moesif.track` call: unexpected `2`" in [
        p.message for p in found.problems
    ]
