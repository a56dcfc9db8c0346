"""Ordinary code for the synthetic monorepo: what surrounds the tracking calls.

The code is only realistic enough to give the parsers and the prefilter their usual work;
each block draws from the random generator in a fixed order, so a seed always gives the same
repository.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from words import NAME_WORDS, VERBS, WORDS, js_ident, py_ident


class Lines:
    """A file being written, with the current line number for planted records."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.size = 0

    def add(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(line)
            self.size += len(line) + 1

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class _Js:
    """What every JS block draws first, in this order."""

    rng: random.Random
    out: Lines
    typed: bool
    name: str
    a: str
    b: str

    def t(self, annotation: str) -> str:
        return f": {annotation}" if self.typed else ""


def _js_function(js: _Js) -> None:
    """A JSDoc'd function over a path."""
    rng, out, name, a, b = js.rng, js.out, js.name, js.a, js.b
    out.add("/**", f" * {rng.choice(VERBS).title()} the {rng.choice(WORDS)} "
            f"{rng.choice(WORDS)} for the current {rng.choice(WORDS)}.",
            f" * @param {a} the {rng.choice(WORDS)}", " */",
            f"export function {rng.choice(VERBS)}{name.title()}({a}{js.t('string')}, "
            f"{b}{js.t('number')} = {rng.randint(1, 99)}){js.t('string')} {{",
            f"  const parts = {a}.split('/').filter(Boolean);",
            f"  if (parts.length > {b}) {{",
            f"    return parts.slice(0, {b}).join('/');",
            "  }",
            "  for (let i = 0; i < parts.length; i += 1) {",
            "    parts[i] = parts[i].trim().toLowerCase();",
            "  }",
            f"  return `${{parts.join('-')}}:{rng.choice(WORDS)}`;",
            "}", "")


def _js_service(js: _Js) -> None:
    """A class with cached async methods."""
    rng, out, name = js.rng, js.out, js.name
    cls = name[0].upper() + name[1:]
    out.add(f"export class {cls}Service {{")
    if js.typed:
        out.add("  private readonly cache = new Map<string, number>();")
        out.add("  constructor(private readonly baseUrl: string) {}")
    else:
        out.add("  constructor(baseUrl) {", "    this.baseUrl = baseUrl;",
                "    this.cache = new Map();", "  }")
    for _ in range(rng.randint(1, 4)):
        method = rng.choice(VERBS) + rng.choice(WORDS).title()
        out.add("",
                f"  async {method}(id{js.t('string')}){js.t('Promise<number>')} {{",
                "    if (this.cache.has(id)) {",
                "      return this.cache.get(id) ?? 0;",
                "    }",
                "    const response = await fetch("
                f"`${{this.baseUrl}}/{rng.choice(WORDS)}/${{id}}`);",
                "    const body = await response.json();",
                f"    const value = Number(body.{rng.choice(WORDS)} ?? 0);",
                "    this.cache.set(id, value);",
                "    return value;",
                "  }")
    out.add("}", "")


def _js_routes(js: _Js) -> None:
    """A table of routes."""
    rng, out, name = js.rng, js.out, js.name
    out.add(f"export const {name.upper()}_{rng.choice(WORDS).upper()} = {{")
    for _ in range(rng.randint(3, 12)):
        out.add(f"  {js_ident(rng)}: '/{rng.choice(WORDS)}/{rng.choice(WORDS)}',")
    out.add("};", "")


def _js_reducer(js: _Js) -> None:
    """A reducer."""
    rng, out, name = js.rng, js.out, js.name
    arg = "state" + (": Record<string, unknown>" if js.typed else "")
    action = "action" + js.t("{ type: string; payload?: any }")
    out.add(f"export function {name}Reducer({arg}, {action}) {{",
            "  switch (action.type) {")
    for _ in range(rng.randint(2, 6)):
        word = rng.choice(WORDS)
        out.add(f"    case '{word}/{rng.choice(VERBS)}':",
                f"      return {{ ...state, {word}: action.payload }};")
    out.add("    default:", "      return state;", "  }", "}", "")


def _js_fetch_all(js: _Js) -> None:
    """An async arrow function."""
    rng, out, name, a = js.rng, js.out, js.name, js.a
    out.add(f"// {rng.choice(VERBS).title()} {rng.choice(WORDS)}s before the "
            f"{rng.choice(WORDS)} is {rng.choice(VERBS)}ed; "
            f"see the {rng.choice(WORDS)} docs.",
            f"export const {name} = async ({a}{js.t('string[]')}) => {{",
            f"  const results = await Promise.all({a}.map(async (entry) => {{",
            f"    const res = await fetch(`/api/{rng.choice(WORDS)}/${{entry}}`);",
            "    if (!res.ok) {",
            f"      throw new Error(`{rng.choice(WORDS)} failed: ${{res.status}}`);",
            "    }",
            "    return res.json();",
            "  }));",
            "  return results.filter((r) => r !== null);",
            "};", "")


def _js_interface(js: _Js) -> None:
    """An interface and its key type (TypeScript only)."""
    rng, out, name = js.rng, js.out, js.name
    out.add(f"export interface {name[0].upper() + name[1:]} {{")
    for _ in range(rng.randint(2, 8)):
        out.add(f"  {js_ident(rng)}{rng.choice(('', '?'))}: "
                f"{rng.choice(('string', 'number', 'boolean', 'string[]', 'Date'))};")
    out.add("}", "",
            f"export type {name[0].upper()}{name[1:]}Key = "
            f"keyof {name[0].upper()}{name[1:]};",
            "")


def _js_loop(js: _Js) -> None:
    """A loop."""
    rng, out, name = js.rng, js.out, js.name
    out.add(f"export function {name}(items{js.t('number[]')}) {{",
            "  let total = 0;",
            "  const seen = new Set();",
            "  for (const item of items) {",
            "    if (seen.has(item)) continue;",
            "    seen.add(item);",
            f"    total += item * {rng.randint(2, 9)};",
            "  }",
            "  return { total, count: seen.size };",
            "}", "")


def _js_component(js: _Js) -> None:
    """A React component (JSX only)."""
    rng, out, typed, name = js.rng, js.out, js.typed, js.name
    comp = name[0].upper() + name[1:]
    props = "{ title, items, onSelect }" + (
        ": { title: string; items: string[]; onSelect: (id: string) => void }"
        if typed else ""
    )
    out.add(f"export function {comp}({props}) {{",
            "  const [open, setOpen] = useState(false);",
            "  return (",
            f"    <section className=\"{rng.choice(WORDS)}-{rng.choice(WORDS)}\">",
            "      <h2 onClick={() => setOpen(!open)}>{title}</h2>",
            "      {open && (",
            "        <ul>",
            "          {items.map((id) => (",
            "            <li key={id} onClick={() => onSelect(id)}>",
            f"              {rng.choice(WORDS).title()} {{id}}",
            "            </li>",
            "          ))}",
            "        </ul>",
            "      )}",
            "    </section>",
            "  );",
            "}", "")


_JS_BLOCKS: tuple[Callable[[_Js], None], ...] = (
    _js_function, _js_service, _js_routes, _js_reducer, _js_fetch_all, _js_interface, _js_loop,
    _js_component,
)


def js_block(rng: random.Random, out: Lines, lang: str) -> None:
    """One block of JS, TS or JSX code."""
    typed = lang in ("ts", "tsx")
    jsx = lang in ("jsx", "tsx")
    name = js_ident(rng)
    choice = rng.randrange(8 if jsx else 7)
    a, b = js_ident(rng, 1), js_ident(rng, 1) + "Value"
    if choice == 5 and not typed:
        choice = 6  # interfaces are TypeScript's
    _JS_BLOCKS[choice](_Js(rng, out, typed, name, a, b))


def _py_counter(rng: random.Random, out: Lines, name: str) -> None:
    """A typed counting function."""
    out.add(f"def {rng.choice(VERBS)}_{name}(items: list[str], "
            f"limit: int = {rng.randint(1, 50)}) -> dict[str, int]:",
            f'    """{rng.choice(VERBS).title()} the {rng.choice(WORDS)}s '
            f'of one {rng.choice(WORDS)}."""',
            "    counts: dict[str, int] = {}",
            "    for item in items[:limit]:",
            "        key = item.strip().lower()",
            "        if not key:",
            "            continue",
            "        counts[key] = counts.get(key, 0) + 1",
            "    return counts", "", "")


def _py_repository(rng: random.Random, out: Lines, name: str) -> None:
    """A class of lookups."""
    cls = "".join(w.title() for w in name.split("_"))
    out.add(f"class {cls}Repository:",
            f'    """Reads and writes {rng.choice(WORDS)}s."""', "",
            "    def __init__(self, session, table_name: str) -> None:",
            "        self.session = session",
            "        self.table_name = table_name", "")
    for _ in range(rng.randint(1, 4)):
        out.add(f"    def {rng.choice(VERBS)}_{rng.choice(WORDS)}(self, pk: int):",
                "        row = self.session.get(self.table_name, pk)",
                "        if row is None:",
                f'            raise LookupError(f"no {rng.choice(WORDS)} {{pk}}")',
                "        return {k: v for k, v in row.items() if not k.startswith('_')}",
                "")
    out.add("")


def _py_table(rng: random.Random, out: Lines, name: str) -> None:
    """A constant table."""
    out.add(f"{name.upper()} = {{")
    for _ in range(rng.randint(3, 10)):
        out.add(f'    "{py_ident(rng)}": ({rng.randint(0, 999)}, "{rng.choice(WORDS)}"),')
    out.add("}", "", "")


def _py_batches(rng: random.Random, out: Lines, name: str) -> None:
    """An async batch loop."""
    out.add(f"async def {name}(client, ids):",
            "    results = []",
            "    for chunk in range(0, len(ids), 50):",
            "        try:",
            f'            response = await client.get("/{rng.choice(WORDS)}", '
            'params={"ids": ids[chunk:chunk + 50]})',
            "        except TimeoutError:",
            "            continue",
            "        results.extend(r for r in response.json() if r.get('active'))",
            "    return results", "", "")


def _py_total(rng: random.Random, out: Lines, name: str) -> None:
    """A one-line total."""
    out.add(f"# {rng.choice(VERBS).title()} {rng.choice(WORDS)}s in batches: the "
            f"{rng.choice(WORDS)} API limits each call.",
            f"def {name}_total(rows):",
            f"    return sum(row.{rng.choice(NAME_WORDS)} * {rng.randint(2, 9)} "
            "for row in rows if row)",
            "", "")


_PY_BLOCKS: tuple[Callable[[random.Random, Lines, str], None], ...] = (
    _py_counter, _py_repository, _py_table, _py_batches, _py_total,
)


def py_block(rng: random.Random, out: Lines) -> None:
    """One block of Python code."""
    name = py_ident(rng)
    choice = rng.randrange(5)
    _PY_BLOCKS[choice](rng, out, name)
