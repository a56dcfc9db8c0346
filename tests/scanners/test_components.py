"""Vue, Svelte and Astro: code in `<script>` blocks and Astro frontmatter, at its exact place."""

from __future__ import annotations

import pytest

from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext, scan_file
from schema_lint.scanners.components import code_regions
from tests.scanners.typing_table import value_type

CTX = ScanContext(PRESETS["moesif"])


def found(language: str, path: str, source: str) -> list[tuple[str | None, int, int, str]]:
    """(action, line, column of the first key, its type) for every call found."""
    scan = scan_file(path, language, source.encode(), CTX, example=False)
    assert not scan.problems, scan.problems
    rows = []
    for occurrence in scan.occurrences:
        entry = occurrence.metadata.entries[0]
        rows.append((occurrence.action, entry.span.line, entry.span.column, entry.value.type))
    return rows


@pytest.mark.parametrize(
    ("language", "path", "source", "expected"),
    [
        pytest.param(
            "vue",
            "a.vue",
            '<template><p>é</p></template>\n<script setup lang="ts">\n'
            "const n: number = f()\nmoesif.track('A', { n })\n</script>\n",
            [("A", 4, 21, "number")],
            id="vue-setup-ts",
        ),
        pytest.param(
            "vue",
            "a.vue",
            "<script>moesif.track('A', { a: 1 })</script>\n"
            "<script setup>moesif.track('B', { b: 'x' })</script>\n",
            [("A", 1, 29, "integer"), ("B", 2, 35, "string")],
            id="vue-two-blocks-code-on-the-tag-line",
        ),
        pytest.param(
            "svelte",
            "a.svelte",
            "<p>Größe</p><script context=\"module\">moesif.track('S', { a: true })</script>\n",
            [("S", 1, 58, "boolean")],
            id="svelte-non-ascii-before-the-tag",
        ),
        pytest.param(
            "svelte",
            "a.svelte",
            '<script type="application/json">{"action_name": "J", "metadata": {}}</script>\n'
            "<button on:click={() => moesif.track('T', { a: 1 })}>x</button>\n",
            [],
            id="svelte-markup-and-json-scripts-are-not-code",
        ),
        pytest.param(
            "astro",
            "a.astro",
            "---\nconst meta = { 'a.b': 1 as number }\nmoesif.track('F', meta)\n---\n"
            "<h1>x</h1>\n<script>moesif.track('S', { s: 'x' })</script>\n",
            [("F", 2, 16, "number"), ("S", 6, 29, "string")],
            id="astro-frontmatter-and-script",
        ),
    ],
)
def test_calls_at_their_place(
    language: str, path: str, source: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert found(language, path, source) == expected


def test_syntax_errors_point_into_the_script() -> None:
    code = "moesif.track('A', { a: 1 )\n"
    alone = scan_file("a.js", "javascript", code.encode(), CTX, example=False)
    source = f"<template>{{{{ ( }}}}</template>\n<script>\n{code}</script>\n"
    scan = scan_file("a.vue", "vue", source.encode(), CTX, example=False)
    (problem,) = scan.problems  # the markup's own brackets are not code
    assert (problem.message, problem.span.line - 2, problem.span.column) == (
        alone.problems[0].message,
        alone.problems[0].span.line,
        alone.problems[0].span.column,
    )


def test_regions_and_languages() -> None:
    assert code_regions(b'<script lang="tsx">x</script>', astro=False) == ([(19, 20)], "tsx")
    assert code_regions(b"<script>x</script>", astro=False) == ([(8, 9)], "javascript")
    assert code_regions(b"---\nx\n---\n<p/>", astro=True) == ([(4, 6)], "typescript")
    assert code_regions(b"<p>no code</p>", astro=False) == ([], "javascript")


ROWS = [
    ("'s'", "string"),
    ("1", "integer"),
    ("n", "number"),
    ("x as string", "string"),
    ("undefinedThing", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    source = (
        '<script lang="ts">\nconst n: number = f()\n'
        f"moesif.track('A', {{ v: {expression} }})\n</script>\n"
    )
    assert value_type("vue", "a.vue", source, ("moesif.track(EVENT, METADATA)",)) == expected
