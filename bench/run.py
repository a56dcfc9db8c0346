#!/usr/bin/env python3
"""Benchmark schema-lint on a seeded synthetic monorepo, against the ripgrep floor and peers.

    python bench/run.py [--files N] [--seed S] [--out bench/out/result.json]

The repository is generated under bench/out/ (reused while its parameters are unchanged),
committed to git, and then every tool is timed in this one run, whole process, wall time.
See bench/README.md for what is measured and the latest figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

GENERATOR_VERSION = 4
HERE = Path(__file__).resolve().parent
CODE_SUFFIXES = ("js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "py")
SCANNED_SUFFIXES = (*CODE_SUFFIXES, "json", "jsonc", "md", "markdown")
# the floor: list the files that mention a tracked callee or a payload key, as the prefilter does
FLOOR_PATTERN = (
    r"\b(track|identifyUser|identifyCompany|updateUser|updateCompany|action_name"
    r"|getMetadata|GET_METADATA)\b"
)
LIMITS = {"cold_over_floor": 6.0, "warm_over_cold": 0.15, "ten_files_s": 0.35}

# -- vocabulary --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words("""
    account active address amount app area audit badge balance banner basket batch billing
    block board brand browser budget bundle button cache campaign card cart category channel
    chart checkout city client code color column comment company config content context cost
    country coupon course credit currency customer dashboard data date deal device discount
    document domain draft duration editor email entry error event export feature feed field
    file filter flag folder form format frame funnel gateway goal grid group header height
    image import index inventory invoice issue item job label language layout lead level
    license limit link list locale location log market media member menu message method
    metric mode model module monitor name note notice offer order owner package page panel
    partner payment period plan platform policy portal post price product profile project
    promo query quota rank rate reason record region release report request resource result
    review role route rule sample schedule scope screen search section segment session
    setting share shipping signup size slot source stage state status step store stream
    style subject summary survey system tab table tag target task team template tenant theme
    thread ticket tier time title token topic total trial type unit upload usage user value
    variant vendor version view visit widget window workflow workspace zone
""")
VERBS = _words("""
    add apply build calc check clear close compute create decode delete emit encode fetch
    filter find format get handle init load map merge normalize open parse pick prepare read
    refresh remove render reset resolve save select send set sort sync toggle update
    validate watch write
""")
SUFFIX_TYPES = {  # key suffix -> type, so a key's type reads as plausible
    "count": "number", "total": "number", "ms": "number", "id": "string", "name": "string",
    "label": "string", "url": "string", "enabled": "boolean", "visible": "boolean",
    "tags": "array<string>", "info": "object", "kind": "string", "size": "number",
}
ACTIONS = (
    "Clicked Sign Up", "Viewed Pricing", "Started Checkout", "Completed Order", "Added To Cart",
    "Removed From Cart", "Opened Dashboard", "Exported Report", "Invited Member",
    "Changed Plan", "Uploaded File", "Searched Docs", "Closed Banner", "Shared Link",
    "Created Project", "Deleted Project", "Enabled Feature", "Connected Integration",
)
DOTTED_PREFIXES = ("ui", "ab", "exp", "ctx", "ga", "utm", "meta", "env")


RESERVED = frozenset(("import", "export", "delete", "default", "new", "class", "return", "in",
                      "with", "type", "filter", "map", "set", "open", "format", "id", "list",
                      "index", "file", "object", "time", "type", "value", "values", "window"))
NAME_WORDS = [w for w in WORDS if w not in RESERVED]
DIR_WORDS = [w for w in NAME_WORDS if w not in ("vendor", "build", "dist")]  # default excludes


def _js_ident(rng: random.Random, parts: int = 2) -> str:
    words = [rng.choice(NAME_WORDS) for _ in range(parts)]
    return words[0] + "".join(w.title() for w in words[1:])


def _py_ident(rng: random.Random, parts: int = 2) -> str:
    return "_".join(rng.choice(NAME_WORDS) for _ in range(parts))


@dataclass
class Vocabulary:
    keys: dict[str, str]  # ordinary snake_case key -> its one type
    dotted: dict[str, str]  # dotted key as written -> its one type
    scalar_keys: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, rng: random.Random) -> Vocabulary:
        keys: dict[str, str] = {}
        while len(keys) < 180:
            suffix = rng.choice(list(SUFFIX_TYPES))
            keys.setdefault(f"{rng.choice(WORDS)}_{suffix}", SUFFIX_TYPES[suffix])
        dotted: dict[str, str] = {}
        while len(dotted) < 24:
            suffix = rng.choice([s for s, t in SUFFIX_TYPES.items() if t not in ("object",)])
            name = f"{rng.choice(DOTTED_PREFIXES)}.{rng.choice(WORDS)}_{suffix}"
            if name.replace(".", "_") not in keys:
                dotted.setdefault(name, SUFFIX_TYPES[suffix])
        scalar = sorted(k for k, t in keys.items() if t != "object")
        return cls(keys, dotted, scalar)


# -- planted findings --------------------------------------------------------------------------


@dataclass
class KeyUse:
    namespace: str
    key: str  # normalized
    type: str  # "unknown" when not inferable
    path: str
    line: int
    dotted: bool
    in_moesif_track: bool  # JS/TS code inside moesif.track(...): what the peers can express


@dataclass
class Planted:
    uses: list[KeyUse] = field(default_factory=list)
    conflicts_planted: int = 0
    lookalikes: int = 0
    tracking_files: int = 0

    def expected(self) -> dict[str, list[tuple[str, int]]]:
        """SL001/SL002 locations as schema-lint must report them (SPEC §5 ordering)."""
        sl001 = [(u.path, u.line) for u in self.uses if u.dotted]
        groups: dict[tuple[str, str], list[KeyUse]] = {}
        for use in sorted(self.uses, key=lambda u: (u.path, u.line)):
            if use.type != "unknown":
                groups.setdefault((use.namespace, use.key), []).append(use)
        sl002 = [
            (u.path, u.line) for uses in groups.values() for u in uses[1:] if u.type != uses[0].type
        ]
        return {"SL001": sorted(sl001), "SL002": sorted(sl002)}


# -- source generation -------------------------------------------------------------------------


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


class Generator:
    def __init__(self, rng: random.Random, vocab: Vocabulary, planted: Planted) -> None:
        self.rng = rng
        self.vocab = vocab
        self.planted = planted

    # values --------------------------------------------------------------------------------

    def literal(self, type_: str, dialect: str) -> str:
        """A literal of `type_` in `dialect` ("js", "python" or "json")."""
        rng = self.rng
        if type_ == "string":
            word = rng.choice(WORDS)
            if dialect != "json" and rng.random() < 0.15:
                return f'f"{word}-{{item.id}}"' if dialect == "python" else f"`{word}-${{item.id}}`"
            return f"'{word}'" if dialect == "js" else f'"{word}"'
        if type_ == "number":
            return str(rng.choice((0, 1, 3, 12, 250, 1024))) if rng.random() < 0.7 else "2.5"
        if type_ == "boolean":
            value = rng.random() < 0.5
            if dialect == "python":
                return "True" if value else "False"
            return "true" if value else "false"
        if type_ == "array<string>":
            items = ", ".join(self.literal("string", "json") for _ in range(rng.randint(1, 3)))
            return f"[{items}]"
        raise ValueError(type_)

    def unknown_value(self, lang: str) -> str:
        owner = self.rng.choice(("props", "user", "item", "state", "ctx"))
        attr = self.rng.choice(WORDS) if lang != "python" else _py_ident(self.rng, 1)
        return f"{owner}.{attr}"

    def metadata(
        self, out: Lines, lang: str, namespace: str, path: str, indent: str, moesif_track: bool,
        head: str, tail: str, quote_keys: bool,
    ) -> None:
        """A multi-line metadata object, one key a line; records every key it plants."""
        out.add(head)
        used: set[str] = set()
        self._entries(out, lang, namespace, path, indent, moesif_track, used, quote_keys, 0)
        out.add(tail)

    def _entries(
        self, out: Lines, lang: str, namespace: str, path: str, indent: str, moesif_track: bool,
        used: set[str], quote_keys: bool, depth: int,
    ) -> None:
        rng = self.rng
        count = rng.randint(2, 7) if depth == 0 else rng.randint(1, 3)
        for _ in range(count):
            dotted = depth == 0 and rng.random() < 0.06
            if dotted:
                written = rng.choice(list(self.vocab.dotted))
                type_ = self.vocab.dotted[written]
            else:
                pool = self.vocab.scalar_keys if depth else list(self.vocab.keys)
                written = rng.choice(pool)
                type_ = self.vocab.keys[written]
            key = written.replace(".", "_")
            if key in used:
                continue
            used.add(key)
            quoted = quote_keys or dotted or rng.random() < 0.1
            q = '"' if lang in ("python", "json") else "'"
            shown = f"{q}{written}{q}" if quoted else written
            line = out.next_line
            if type_ == "object":
                out.add(f"{indent}{shown}: {{")
                self.planted.uses.append(
                    KeyUse(namespace, key, "object", path, line, dotted, moesif_track))
                self._entries(out, lang, namespace, path, indent + "  ", moesif_track, used,
                              quote_keys, depth + 1)
                out.add(f"{indent}}},")
                continue
            actual = type_
            if lang != "json" and rng.random() < 0.18:
                actual = "unknown"
                value = self.unknown_value(lang)
            else:
                if rng.random() < 0.03:
                    actual = rng.choice([t for t in ("string", "number", "boolean") if t != type_])
                    self.planted.conflicts_planted += 1
                value = self.literal(actual, lang if lang in ("python", "json") else "js")
                if lang == "ts" and actual == "number" and rng.random() < 0.1:
                    value = f"({self.unknown_value(lang)} as number)"
            out.add(f"{indent}{shown}: {value},")
            self.planted.uses.append(KeyUse(namespace, key, actual, path, line, dotted,
                                            moesif_track))

    # tracking constructs -------------------------------------------------------------------

    def js_tracking(self, out: Lines, lang: str, path: str) -> None:
        rng = self.rng
        action = rng.choice(ACTIONS)
        kind = rng.choices(("moesif", "window", "segment", "user", "company", "payload", "const"),
                           (30, 10, 20, 10, 6, 12, 12))[0]
        ind = "    "
        any_ = ": any" if lang in ("ts", "tsx") else ""
        out.add(f"export function {_js_ident(rng)}Tracked(props{any_}, user{any_}, item{any_}) {{")
        if kind in ("moesif", "window"):
            callee = "moesif.track" if kind == "moesif" else "window.moesif.track"
            self.metadata(out, lang, "events", path, ind, True,
                          f"  {callee}('{action}', {{", "  });", False)
        elif kind == "segment":
            self.metadata(out, lang, "events", path, ind, False,
                          f"  analytics.track('{action}', {{", "  });", False)
        elif kind == "user":
            self.metadata(out, lang, "users", path, ind, False,
                          "  moesif.identifyUser(user.id, {", "  });", False)
        elif kind == "company":
            self.metadata(out, lang, "companies", path, ind, False,
                          "  moesif.identifyCompany(user.companyId, {", "  }, 'example.com');",
                          False)
        elif kind == "payload":
            out.add("  const body = {", f"    action_name: '{action}',",
                    "    request: { time: Date.now() },")
            self.metadata(out, lang, "events", path, ind + "  ", False,
                          "    metadata: {", "    },", False)
            out.add("  };", "  return fetch('/v1/actions', "
                    "{ method: 'POST', body: JSON.stringify(body) });")
        else:
            name = _js_ident(rng) + "Props"
            self.metadata(out, lang, "events", path, ind, True, f"  const {name} = {{", "  };",
                          False)
            out.add(f"  moesif.track('{action}', {name});")
        out.add("}", "")

    def py_tracking(self, out: Lines, path: str) -> None:
        rng = self.rng
        action = rng.choice(ACTIONS)
        kind = rng.choices(("positional", "keywords", "payload"), (40, 35, 25))[0]
        out.add(f"def {_py_ident(rng)}_tracked(user, item, props):")
        ind = "        "
        if kind == "positional":
            self.metadata(out, "python", "events", path, ind, False,
                          f'    analytics.track(user.id, "{action}", {{', "    })", True)
        elif kind == "keywords":
            self.metadata(out, "python", "events", path, ind, False,
                          f'    analytics.track(user.id, event="{action}", properties={{',
                          "    })", True)
        else:
            out.add("    body = {", f'        "action_name": "{action}",')
            self.metadata(out, "python", "events", path, ind + "    ", False,
                          '        "metadata": {', "        },", True)
            out.add("    }", '    return requests.post("/v1/actions", json=body)')
        out.add("", "")

    def js_lookalike(self, out: Lines) -> None:
        """Code that must not be reported: wrong receivers, other names, strings, comments."""
        rng = self.rng
        self.planted.lookalikes += 1
        key = rng.choice(list(self.vocab.dotted))
        choice = rng.randrange(6)
        if choice == 0:
            out.add(f"tracker.track('Clicked', {{ '{key}': 1 }});")
        elif choice == 1:
            out.add(f"trackEvent('Clicked', {{ '{key}': 1 }});")
        elif choice == 2:
            out.add(f"// moesif.track('Clicked', {{ '{key}': 1 }}) is what the SDK does")
        elif choice == 3:
            out.add(f"const usage = \"moesif.track('Clicked', {{ '{key}': 1 }})\";")
        elif choice == 4:
            out.add(f"export const queued = {{ action_name: 'Clicked', '{key}': 1 }};")
        else:
            out.add(f"this.metrics.track('load', {{ '{key}': performance.now() }});")

    def py_lookalike(self, out: Lines) -> None:
        rng = self.rng
        self.planted.lookalikes += 1
        key = rng.choice(list(self.vocab.dotted))
        choice = rng.randrange(5)
        if choice == 0:
            out.add(f'tracker.track(None, "Clicked", {{"{key}": 1}})')
        elif choice == 1:
            out.add(f'# analytics.track(user_id, "Clicked", {{"{key}": 1}})')
        elif choice == 2:
            out.add(f'USAGE = "analytics.track(uid, \'Clicked\', {{\'{key}\': 1}})"')
        elif choice == 3:
            out.add(f'QUEUED = {{"action_name": "Clicked", "{key}": 1}}')
        else:
            out.add(f'track_event("Clicked", {{"{key}": 1}})')

    # ordinary code ---------------------------------------------------------------------------

    def js_block(self, out: Lines, lang: str) -> None:
        rng = self.rng
        typed = lang in ("ts", "tsx")
        jsx = lang in ("jsx", "tsx")

        def t(annotation: str) -> str:
            return f": {annotation}" if typed else ""

        name = _js_ident(rng)
        choice = rng.randrange(8 if jsx else 7)
        a, b = _js_ident(rng, 1), _js_ident(rng, 1) + "Value"
        if choice == 0:
            out.add("/**", f" * {rng.choice(VERBS).title()} the {rng.choice(WORDS)} "
                    f"{rng.choice(WORDS)} for the current {rng.choice(WORDS)}.",
                    f" * @param {a} the {rng.choice(WORDS)}", " */",
                    f"export function {rng.choice(VERBS)}{name.title()}({a}{t('string')}, "
                    f"{b}{t('number')} = {rng.randint(1, 99)}){t('string')} {{",
                    f"  const parts = {a}.split('/').filter(Boolean);",
                    f"  if (parts.length > {b}) {{",
                    f"    return parts.slice(0, {b}).join('/');",
                    "  }",
                    "  for (let i = 0; i < parts.length; i += 1) {",
                    "    parts[i] = parts[i].trim().toLowerCase();",
                    "  }",
                    f"  return `${{parts.join('-')}}:{rng.choice(WORDS)}`;",
                    "}", "")
        elif choice == 1:
            cls = name[0].upper() + name[1:]
            out.add(f"export class {cls}Service {{")
            if typed:
                out.add("  private readonly cache = new Map<string, number>();")
                out.add("  constructor(private readonly baseUrl: string) {}")
            else:
                out.add("  constructor(baseUrl) {", "    this.baseUrl = baseUrl;",
                        "    this.cache = new Map();", "  }")
            for _ in range(rng.randint(1, 4)):
                method = rng.choice(VERBS) + rng.choice(WORDS).title()
                out.add("",
                        f"  async {method}(id{t('string')}){t('Promise<number>')} {{",
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
        elif choice == 2:
            out.add(f"export const {name.upper()}_{rng.choice(WORDS).upper()} = {{")
            for _ in range(rng.randint(3, 12)):
                out.add(f"  {_js_ident(rng)}: '/{rng.choice(WORDS)}/{rng.choice(WORDS)}',")
            out.add("};", "")
        elif choice == 3:
            arg = "state" + (": Record<string, unknown>" if typed else "")
            action = "action" + t("{ type: string; payload?: any }")
            out.add(f"export function {name}Reducer({arg}, {action}) {{",
                    "  switch (action.type) {")
            for _ in range(rng.randint(2, 6)):
                word = rng.choice(WORDS)
                out.add(f"    case '{word}/{rng.choice(VERBS)}':",
                        f"      return {{ ...state, {word}: action.payload }};")
            out.add("    default:", "      return state;", "  }", "}", "")
        elif choice == 4:
            out.add(f"// {rng.choice(VERBS).title()} {rng.choice(WORDS)}s before the "
                    f"{rng.choice(WORDS)} is {rng.choice(VERBS)}ed; "
                    f"see the {rng.choice(WORDS)} docs.",
                    f"export const {name} = async ({a}{t('string[]')}) => {{",
                    f"  const results = await Promise.all({a}.map(async (entry) => {{",
                    f"    const res = await fetch(`/api/{rng.choice(WORDS)}/${{entry}}`);",
                    "    if (!res.ok) {",
                    f"      throw new Error(`{rng.choice(WORDS)} failed: ${{res.status}}`);",
                    "    }",
                    "    return res.json();",
                    "  }));",
                    "  return results.filter((r) => r !== null);",
                    "};", "")
        elif choice == 5 and typed:
            out.add(f"export interface {name[0].upper() + name[1:]} {{")
            for _ in range(rng.randint(2, 8)):
                out.add(f"  {_js_ident(rng)}{rng.choice(('', '?'))}: "
                        f"{rng.choice(('string', 'number', 'boolean', 'string[]', 'Date'))};")
            out.add("}", "",
                    f"export type {name[0].upper()}{name[1:]}Key = "
                    f"keyof {name[0].upper()}{name[1:]};",
                    "")
        elif choice == 6 or (choice == 5 and not typed):
            out.add(f"export function {name}(items{t('number[]')}) {{",
                    "  let total = 0;",
                    "  const seen = new Set();",
                    "  for (const item of items) {",
                    "    if (seen.has(item)) continue;",
                    "    seen.add(item);",
                    f"    total += item * {rng.randint(2, 9)};",
                    "  }",
                    "  return { total, count: seen.size };",
                    "}", "")
        else:
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

    def py_block(self, out: Lines) -> None:
        rng = self.rng
        name = _py_ident(rng)
        choice = rng.randrange(5)
        if choice == 0:
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
        elif choice == 1:
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
        elif choice == 2:
            out.add(f"{name.upper()} = {{")
            for _ in range(rng.randint(3, 10)):
                out.add(f'    "{_py_ident(rng)}": ({rng.randint(0, 999)}, "{rng.choice(WORDS)}"),')
            out.add("}", "", "")
        elif choice == 3:
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
        else:
            out.add(f"# {rng.choice(VERBS).title()} {rng.choice(WORDS)}s in batches: the "
                    f"{rng.choice(WORDS)} API limits each call.",
                    f"def {name}_total(rows):",
                    f"    return sum(row.{rng.choice(NAME_WORDS)} * {rng.randint(2, 9)} "
                    "for row in rows if row)",
                    "", "")

    # files -----------------------------------------------------------------------------------

    def code_file(self, path: str, lang: str, target: int, tracking: bool, lookalikes: int) -> str:
        rng = self.rng
        out = Lines()
        if lang == "python":
            out.add("from __future__ import annotations", "", "import json",
                    f"from app.{rng.choice(NAME_WORDS)} import {_py_ident(rng)}", "", "")
        else:
            for _ in range(rng.randint(1, 5)):
                out.add(f"import {{ {_js_ident(rng)}, {_js_ident(rng)} }} from "
                        f"'../{rng.choice(WORDS)}/{rng.choice(WORDS)}';")
            if lang in ("jsx", "tsx"):
                out.add("import { useState } from 'react';")
            out.add("")
        plants = rng.randint(1, 4) if tracking else 0
        while out.size < target or plants or lookalikes:
            roll = rng.random()
            if plants and roll < 0.3:
                plants -= 1
                if lang == "python":
                    self.py_tracking(out, path)
                else:
                    self.js_tracking(out, lang, path)
            elif lookalikes and roll < 0.45:
                lookalikes -= 1
                (self.py_lookalike if lang == "python" else self.js_lookalike)(out)
                out.add("")
            elif lang == "python":
                self.py_block(out)
            else:
                self.js_block(out, lang)
        return out.text()

    def markdown_file(self, path: str, target: int, tracking: bool) -> str:
        rng = self.rng
        out = Lines()
        out.add(f"# {rng.choice(WORDS).title()} {rng.choice(WORDS)}", "")
        plants = rng.randint(1, 2) if tracking else 0
        while out.size < target or plants:
            roll = rng.random()
            if plants and roll < 0.3:
                plants -= 1
                if rng.random() < 0.6:
                    out.add("```js")
                    self.metadata(out, "js", "events", path, "  ", True,
                                  f"moesif.track('{rng.choice(ACTIONS)}', {{", "});", False)
                else:
                    out.add("```json", "{", f'  "action_name": "{rng.choice(ACTIONS)}",')
                    self.metadata(out, "json", "events", path, "    ", False,
                                  '  "metadata": {', "  }", True)
                    # JSON allows no trailing commas: drop the one after the last entry
                    self._strip_json_commas(out)
                    out.add("}")
                out.add("```", "")
            elif roll < 0.45:
                out.add(f"## {rng.choice(VERBS).title()} a {rng.choice(WORDS)}", "")
            elif roll < 0.55:
                lang = rng.choice(("bash", "python", "ts"))
                out.add(f"```{lang}")
                if lang == "bash":
                    out.add(f"npm run {rng.choice(VERBS)} -- --{rng.choice(WORDS)}")
                elif lang == "python":
                    self.py_block(out)
                else:
                    self.js_block(out, "ts")
                out.add("```", "")
            elif roll < 0.6:
                out.add("Call `moesif.track(name, metadata)` once the user is known; "
                        "keys with dots are stored with underscores.", "")
            else:
                words = " ".join(rng.choice(WORDS + VERBS) for _ in range(rng.randint(20, 70)))
                out.add(words[0].upper() + words[1:] + ".", "")
        return out.text()

    def _strip_json_commas(self, out: Lines) -> None:
        """Make the JSON block just written strict: no comma before a closing brace."""
        lines = out.lines
        for i in range(1, len(lines)):
            if lines[i].strip().startswith("}") and lines[i - 1].endswith(","):
                lines[i - 1] = lines[i - 1][:-1]

    def json_fixture(self, path: str, target: int) -> str:
        out = Lines()
        out.add("[")
        first = True
        while first or out.size < target:
            if not first:
                out.lines[-1] += ","
            first = False
            out.add("  {", f'    "action_name": "{self.rng.choice(ACTIONS)}",')
            self.metadata(out, "json", "events", path, "      ", False, '    "metadata": {',
                          "    }", True)
            self._strip_json_commas(out)
            out.add("  }")
        out.add("]")
        return out.text()


# -- repository layout ---------------------------------------------------------------------------

LANG_OF = {"js": "js", "jsx": "jsx", "mjs": "js", "cjs": "js", "ts": "ts", "tsx": "tsx",
           "mts": "ts", "cts": "ts", "py": "python"}
MIX = (("ts", 27), ("tsx", 20), ("js", 13), ("jsx", 5), ("mjs", 1), ("cts", 1), ("py", 20),
       ("md", 9), ("json", 4))


def generate(repo: Path, files: int, seed: int, share: float = 0.1) -> Planted:
    rng = random.Random(seed)
    vocab = Vocabulary.build(rng)
    planted = Planted()
    gen = Generator(rng, vocab, planted)
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    suffixes = [s for s, _ in MIX]
    weights = [w for _, w in MIX]
    # file sizes: log-normal around 4 KiB, scaled so the tree holds ~6.4 KB per file
    sizes = [min(int(rng.lognormvariate(math.log(4000), 0.9)), 250_000) for _ in range(files)]
    scale = 6400 * files / sum(sizes)
    paths: set[str] = set()
    for index in range(files):
        suffix = rng.choices(suffixes, weights)[0]
        target = max(200, int(sizes[index] * scale))
        path = _path_for(rng, suffix, paths)
        tracking = rng.random() < share and suffix != "json"
        if suffix == "md":
            text = gen.markdown_file(path, target, tracking)
        elif suffix == "json":
            if rng.random() < 0.25:
                text = gen.json_fixture(path, min(target, 20_000))
                tracking = True
            else:
                text = json.dumps({"name": f"@acme/{rng.choice(WORDS)}", "version": "1.0.0",
                                   "scripts": {v: f"tsc --{v}" for v in VERBS[:8]},
                                   "dependencies": {w: "^1.0.0" for w in WORDS[:20]}}, indent=2)
        else:
            lookalikes = rng.randint(1, 3) if rng.random() < 0.04 else 0
            text = gen.code_file(path, LANG_OF[suffix], target, tracking, lookalikes)
        planted.tracking_files += tracking
        target_path = repo / path
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target_path.write_text(text, encoding="utf-8")
    (repo / ".gitignore").write_text("node_modules/\ndist/\n.schema-lint-cache/\n")
    (repo / ".schema-lint.yaml").write_text("presets: [moesif, segment]\n")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "synthetic monorepo"], cwd=repo, check=True)
    return planted


def _path_for(rng: random.Random, suffix: str, taken: set[str]) -> str:
    while True:
        if suffix == "md":
            folder = rng.choice(("docs", f"docs/{rng.choice(DIR_WORDS)}",
                                 f"packages/{rng.choice(DIR_WORDS)}"))
        elif suffix == "json":
            folder = rng.choice((f"packages/{rng.choice(DIR_WORDS)}",
                                 f"fixtures/{rng.choice(DIR_WORDS)}"))
        elif suffix == "py":
            folder = f"services/{rng.choice(DIR_WORDS[:12])}/{rng.choice(DIR_WORDS)}"
        else:
            top = rng.choice(("apps/web/src", "apps/admin/src", "apps/mobile/src",
                              f"packages/{rng.choice(DIR_WORDS[:30])}/src"))
            folder = f"{top}/{rng.choice(('components', 'pages', 'hooks', 'lib', 'utils', 'api'))}"
        name = (_js_ident(rng) if suffix != "py" else _py_ident(rng)) + f".{suffix}"
        path = f"{folder}/{name}"
        if path not in taken:
            taken.add(path)
            return path


# -- timing ------------------------------------------------------------------------------------


@dataclass
class Timing:
    tool: str
    runs: list[float]
    files: int
    mbytes: float
    note: str = ""
    findings: int | None = None
    cpu: list[float] = field(default_factory=list)  # user + system seconds, children included

    @property
    def best_cpu(self) -> float:
        return min(self.cpu) if self.cpu else float("nan")

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def timed(
    command: Sequence[str], cwd: Path, runs: int, before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> tuple[list[float], subprocess.CompletedProcess[bytes], list[float]]:
    """Whole-process wall times and CPU times of `runs` runs, and the last run's output.

    CPU time is the fairer figure on a shared machine: other load stretches wall time.
    """
    times, cpu = [], []
    done: subprocess.CompletedProcess[bytes] | None = None
    for _ in range(runs):
        if before is not None:
            before()
        used = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
    assert done is not None
    return times, done, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tracked_files(repo: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=repo, capture_output=True, check=True)
    names = [n for n in out.stdout.decode().split("\0") if n]
    return [n for n in names if n.rsplit(".", 1)[-1] in SCANNED_SUFFIXES]


def floor_command() -> tuple[list[str], str]:
    if shutil.which("rg"):
        globs = [arg for s in SCANNED_SUFFIXES for arg in ("-g", f"*.{s}")]
        return ["rg", "-l", "--no-messages", *globs, "-e", FLOOR_PATTERN, "."], "ripgrep -l"
    includes = [f"--include=*.{s}" for s in SCANNED_SUFFIXES]
    command = ["grep", "-rlE", "--exclude-dir=.git", *includes, FLOOR_PATTERN, "."]
    return command, "grep -rlE (ripgrep is not installed: this floor is too high)"


def find_ast_grep() -> str | None:
    for name in ("ast-grep", "sg"):
        path = shutil.which(name)
        if not path:
            continue
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.stdout.startswith("ast-grep"):  # Debian's /usr/bin/sg is another program
            return path
    return None


AST_GREP_RULE = """\
id: dotted-key-{lang}
language: {language}
severity: warning
message: dotted key in moesif.track metadata
rule:
  kind: pair
  has: {{field: key, regex: '\\.'}}
  inside:
    stopBy: end
    kind: call_expression
    has: {{field: function, regex: 'moesif\\??\\.track$'}}
"""
SEMGREP_RULE = """\
rules:
  - id: dotted-key
    languages: [javascript, typescript]
    severity: WARNING
    message: dotted key in moesif.track metadata
    patterns:
      - pattern-either:
          - pattern-inside: moesif.track(...)
          - pattern-inside: $O.moesif.track(...)
      - pattern: '{..., $K: $V, ...}'
      - metavariable-regex: {metavariable: $K, regex: '.*\\..*'}
"""


def run_peers(repo: Path, runs: int, files: int, mbytes: float) -> tuple[list[Timing], list[str]]:
    """ast-grep and semgrep on the one rule both can express, when they are installed."""
    timings: list[Timing] = []
    notes: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="schema-lint-bench-"))
    try:
        ast_grep = find_ast_grep()
        if ast_grep:
            (work / "rules").mkdir()
            for lang, language in (("js", "JavaScript"), ("ts", "TypeScript"), ("tsx", "Tsx")):
                rule = AST_GREP_RULE.format(lang=lang, language=language)
                (work / "rules" / f"{lang}.yml").write_text(rule)
            (work / "sgconfig.yml").write_text("ruleDirs: [rules]\n")
            command = [ast_grep, "scan", "-c", str(work / "sgconfig.yml"), "--json=compact", "."]
            times, done, cpu = timed(command, repo, runs)
            found = len(json.loads(done.stdout or b"[]"))
            timings.append(Timing("ast-grep, dotted keys in moesif.track only", times, files,
                                  mbytes, _version(ast_grep), found, cpu))
        else:
            notes.append("ast-grep: not installed (pip install ast-grep-cli)")
        semgrep = shutil.which("semgrep")
        if semgrep:
            (work / "semgrep.yml").write_text(SEMGREP_RULE)
            command = [semgrep, "scan", "--config", str(work / "semgrep.yml"), "--json",
                       "--quiet", "--metrics=off", "--disable-version-check",
                       "-j", str(os.cpu_count() or 1), "."]
            times, done, cpu = timed(command, repo, runs)
            found = len(json.loads(done.stdout or b"{}").get("results", []))
            timings.append(Timing("semgrep, dotted keys in moesif.track only", times, files,
                                  mbytes, f"semgrep {_version(semgrep)}", found, cpu))
        else:
            notes.append("semgrep: not installed (pip install semgrep)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return timings, notes


def _version(executable: str) -> str:
    out = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "?"


# -- verification ------------------------------------------------------------------------------

Finding = dict[str, object]


def findings(
    schema_lint: str, repo: Path, extra: Sequence[str] = (), env: dict[str, str] | None = None
) -> list[Finding]:
    command = [schema_lint, "check", "--format", "json", "--exit-zero", *extra]
    done = subprocess.run(command, cwd=repo, capture_output=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"schema-lint failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    result: list[Finding] = json.loads(done.stdout)
    return result


@dataclass
class Verification:
    identical: bool  # the same findings with and without cache, serial and parallel
    modes: list[str]
    counts: dict[str, dict[str, int]]  # code -> planted, found, lost, extra
    parse_errors: int

    @property
    def exact(self) -> bool:
        return self.identical and not any(
            c["lost"] or c["extra"] for c in self.counts.values()
        )


def verify(schema_lint: str, repo: Path, planted: Planted) -> Verification:
    """Every planted SL001/SL002 is found, nothing else is, in every mode."""
    expected = planted.expected()
    shutil.rmtree(repo / ".schema-lint-cache", ignore_errors=True)
    serial = {**os.environ, "SCHEMA_LINT_WORKERS": "1"}
    runs = {
        "no cache, serial": findings(schema_lint, repo, ["--no-cache"], serial),
        "no cache, parallel": findings(schema_lint, repo, ["--no-cache"]),
        "cold cache": findings(schema_lint, repo),
        "warm cache": findings(schema_lint, repo),
        "warm cache, serial": findings(schema_lint, repo, [], serial),
    }
    reference = runs["no cache, serial"]
    counts = {}
    for code in ("SL001", "SL002"):
        got = sorted((str(d["path"]), int(str(d["line"]))) for d in reference if d["code"] == code)
        want = expected[code]
        counts[code] = {"planted": len(want), "found": len(got),
                        "lost": len(_minus(want, got)), "extra": len(_minus(got, want))}
    errors = sum(1 for d in reference if d["code"] == "SL006")
    same = all(found == reference for found in runs.values())
    return Verification(same, list(runs), counts, errors)


def _minus(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The items of `a` not in `b`, counting repeats."""
    rest = list(b)
    missing = []
    for item in a:
        if item in rest:
            rest.remove(item)
        else:
            missing.append(item)
    return missing


# -- report ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        tree_sitter = version("tree-sitter")
    except Exception:
        tree_sitter = "not installed"
    return {"nproc": str(os.cpu_count()), "cpu": model, "python": platform.python_version(),
            "tree_sitter": tree_sitter, "platform": platform.platform()}


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def table(timings: list[Timing], floor: float) -> str:
    rows = ["| tool | wall s (best) | median s | CPU s | files/s | MB/s | x floor | note |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for t in timings:
        note = "; ".join(filter(None, (t.note, f"{t.findings} found" if t.findings else "")))
        rows.append(f"| {t.tool} | {t.best:.3f} | {t.median:.3f} | {t.best_cpu:.2f} | "
                    f"{t.files / t.best:,.0f} | {t.mbytes / t.best:.1f} | {t.best / floor:.2f} "
                    f"| {note} |")
    return "\n".join(rows)


def _ten_files(names: list[str], planted: Planted) -> list[str]:
    """Ten files as a commit might touch them: three with tracking calls, seven without."""
    tracking = sorted({u.path for u in planted.uses if not u.path.endswith((".md", ".json"))})
    others = sorted(set(n for n in names if n.endswith((".ts", ".tsx", ".py"))) - set(tracking))
    rng = random.Random(0)
    return rng.sample(tracking, 3) + rng.sample(others, 7)


def measure(
    schema_lint: str, repo: Path, planted: Planted, names: list[str], runs: int
) -> tuple[list[Timing], dict[str, Timing]]:
    """The floor and every schema-lint mode, timed in this one session."""
    files = len(names)
    mbytes = sum((repo / n).stat().st_size for n in names) / 1e6
    cache = repo / ".schema-lint-cache"
    check = [schema_lint, "check"]
    serial = {**os.environ, "SCHEMA_LINT_WORKERS": "1"}
    ten = _ten_files(names, planted)
    ten_mb = sum((repo / n).stat().st_size for n in ten) / 1e6

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def touch_ten() -> None:  # pre-commit passes files that have just changed
        now = time.time()
        for name in ten:
            os.utime(repo / name, (now, now))

    floor_cmd, floor_tool = floor_command()
    plan: list[tuple[str, list[str], Callable[[], None] | None, dict[str, str] | None, int, float,
                     str]] = [
        ("floor", floor_cmd, None, None, files, mbytes, floor_tool),
        ("cold", check, drop_cache, None, files, mbytes, "schema-lint, cold (no cache dir)"),
        ("no-cache", [*check, "--no-cache"], None, None, files, mbytes, "schema-lint --no-cache"),
        ("serial", [*check, "--no-cache"], None, serial, files, mbytes,
         "schema-lint --no-cache, SCHEMA_LINT_WORKERS=1"),
        ("warm", check, None, None, files, mbytes, "schema-lint, warm (nothing changed)"),
        ("ten", [*check, *ten], touch_ten, None, 10, ten_mb,
         "schema-lint, 10 changed files (cache present)"),
        ("ten-no-cache", [*check, "--no-cache", *ten], None, None, 10, ten_mb,
         "schema-lint --no-cache, 10 files"),
        ("version", [schema_lint, "--version"], None, None, 1, 0.0, "schema-lint --version"),
    ]
    timings: dict[str, Timing] = {}
    for key, command, before, env, count, size, label in plan:
        if key == "warm":
            subprocess.run(check, cwd=repo, capture_output=True, check=False)  # fill the cache
        times, done, cpu = timed(command, repo, runs, before, env)
        listed = len(done.stdout.splitlines()) if key == "floor" else None
        timings[key] = Timing(label, times, count, size, "", listed, cpu)
    return list(timings.values()), timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--files", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracking-share", type=float, default=0.1,
                        help="share of code files with tracking calls (default 0.1)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "result.json")
    parser.add_argument("--repo", type=Path, help="where to generate (default: bench/out/repo-*)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool")
    parser.add_argument("--peer-runs", type=int, help="timed runs per peer (default: --runs)")
    parser.add_argument("--no-peers", action="store_true", help="skip ast-grep and semgrep")
    parser.add_argument("--schema-lint", help="the schema-lint executable to time")
    args = parser.parse_args(argv)

    beside_python = shutil.which("schema-lint", path=str(Path(sys.executable).parent))
    schema_lint = args.schema_lint or beside_python or shutil.which("schema-lint")
    if not schema_lint:
        raise SystemExit("schema-lint is not installed (pip install -e .)")
    name = f"repo-{args.files}-{args.seed}-{args.tracking_share:g}"
    repo: Path = args.repo or HERE / "out" / name
    planted = _repository(repo, args.files, args.seed, args.tracking_share)
    names = tracked_files(repo)
    mbytes = sum((repo / n).stat().st_size for n in names) / 1e6
    print(f"repo: {len(names)} files, {mbytes:.1f} MB, {planted.tracking_files} with tracking "
          f"code, {planted.lookalikes} look-alikes; load average {load_average()}", flush=True)

    print("verifying findings ...", flush=True)
    verification = verify(schema_lint, repo, planted)
    print("timing ...", flush=True)
    timings, by_key = measure(schema_lint, repo, planted, names, args.runs)
    notes: list[str] = []
    if not args.no_peers:
        peers, notes = run_peers(repo, args.peer_runs or args.runs, len(names), mbytes)
        timings.extend(peers)
    floor, cold = by_key["floor"].best, by_key["cold"].best
    ratios = {
        "cold_over_floor": cold / floor,
        "warm_over_cold": by_key["warm"].best / cold,
        "ten_files_s": max(by_key["ten"].best, by_key["ten-no-cache"].best),
    }
    verdicts = {k: "PASS" if v <= LIMITS[k] else "FAIL" for k, v in ratios.items()}

    print()
    print(table(timings, floor))
    print()
    for key, value in ratios.items():
        unit = " s" if key.endswith("_s") else "x"
        print(f"{key:<16} {value:6.3f}{unit}  (limit {LIMITS[key]}{unit})  {verdicts[key]}")
    for code, count in verification.counts.items():
        print(f"{code}: planted {count['planted']}, found {count['found']}, "
              f"lost {count['lost']}, extra {count['extra']}")
    moesif_dotted = sum(1 for u in planted.uses
                        if u.dotted and u.in_moesif_track and not u.path.endswith(".md"))
    print(f"look-alikes planted (must not be reported): {planted.lookalikes}; "
          f"parse errors (SL006): {verification.parse_errors}")
    print(f"dotted keys planted in moesif.track calls in JS/TS files (what the peers look for): "
          f"{moesif_dotted}")
    print(f"findings identical across {', '.join(verification.modes)}: {verification.identical}")
    print(f"load average after: {load_average()}")
    for note in notes:
        print(f"note: {note}")

    result = {
        "machine": machine(), "load_average_after": load_average(),
        "params": {"files": args.files, "seed": args.seed, "tracking_share": args.tracking_share,
                   "generator": GENERATOR_VERSION},
        "repo": {"files": len(names), "mb": round(mbytes, 2)},
        "timings": [{**asdict(t), "best": t.best, "median": t.median} for t in timings],
        "acceptance": {k: {"value": round(v, 3), "limit": LIMITS[k], "verdict": verdicts[k]}
                       for k, v in ratios.items()},
        "verification": {**asdict(verification), "moesif_track_dotted_keys": moesif_dotted},
        "notes": notes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.out}")
    return 0 if verification.exact and all(v == "PASS" for v in verdicts.values()) else 1


def _repository(repo: Path, files: int, seed: int, share: float) -> Planted:
    """The synthetic monorepo, generated unless an identical one is already there."""
    marker = repo.parent / f"{repo.name}.bench.json"  # outside: it must not be scanned
    params = {"files": files, "seed": seed, "share": share, "generator": GENERATOR_VERSION}
    if marker.exists() and repo.exists():
        saved = json.loads(marker.read_text())
        if saved.get("params") == params:
            uses = [KeyUse(**u) for u in saved["planted"]["uses"]]
            return Planted(**{**saved["planted"], "uses": uses})
    print(f"generating {files} files in {repo} ...", flush=True)
    start = time.perf_counter()
    planted = generate(repo, files, seed, share)
    marker.write_text(json.dumps({"params": params, "planted": asdict(planted)}))
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return planted


if __name__ == "__main__":
    sys.exit(main())
