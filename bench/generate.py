"""The synthetic monorepo: seeded, so the same parameters always give the same files, with a
record of every key planted in them (what schema-lint must find, and nothing else)."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filler import Lines, js_block, py_block
from words import (
    ACTIONS,
    DIR_WORDS,
    NAME_WORDS,
    VERBS,
    WORDS,
    Vocabulary,
    js_ident,
    py_ident,
)

GENERATOR_VERSION = 5
# look-alike densities: the share of files holding code that must not be reported
DENSITIES = {"none": 0.0, "realistic": 0.04, "heavy": 1 / 3}
JS_LOOKALIKES = (
    "router.track('Clicked', { 'KEY': 1 });",
    "span.track('Clicked', { 'KEY': 1 });",
    "export const captureOptions = { capture: true, track: false, 'KEY': 1 };",
    "logger.info('dropped an event without action_name', { 'KEY': 1 });",
    "screen.capture({ 'KEY': 1 });",
    "tracker.track('Clicked', { 'KEY': 1 });",
    "trackEvent('Clicked', { 'KEY': 1 });",
    "// moesif.track('Clicked', { 'KEY': 1 }) is what the SDK does",
    "const usage = \"moesif.track('Clicked', { 'KEY': 1 })\";",
    "export const queued = { action_name: 'Clicked', 'KEY': 1 };",
    "this.metrics.track('load', { 'KEY': performance.now() });",
)
PY_LOOKALIKES = (
    'router.track("Clicked", {"KEY": 1})',
    'span.track("Clicked", {"KEY": 1})',
    'logger.warning("event without action_name: %s", {"KEY": 1})',
    'OPTIONS = {"capture": True, "track": False, "KEY": 1}',
    'tracker.track(None, "Clicked", {"KEY": 1})',
    '# analytics.track(user_id, "Clicked", {"KEY": 1})',
    'USAGE = "analytics.track(uid, \'Clicked\', {\'KEY\': 1})"',
    'QUEUED = {"action_name": "Clicked", "KEY": 1}',
    'track_event("Clicked", {"KEY": 1})',
)
MD_LOOKALIKES = (
    "Tests call `tracker.track(name)`; the router calls `router.track(view)` itself.",
    "```ts\nrouter.track('Clicked', { 'KEY': 1 });\n```",
    "Each row names its `action_name`; the key `KEY` is kept as written.",
)

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
        attr = self.rng.choice(WORDS) if lang != "python" else py_ident(self.rng, 1)
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
        out.add(f"export function {js_ident(rng)}Tracked(props{any_}, user{any_}, item{any_}) {{")
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
            name = js_ident(rng) + "Props"
            self.metadata(out, lang, "events", path, ind, True, f"  const {name} = {{", "  };",
                          False)
            out.add(f"  moesif.track('{action}', {name});")
        out.add("}", "")

    def py_tracking(self, out: Lines, path: str) -> None:
        rng = self.rng
        action = rng.choice(ACTIONS)
        kind = rng.choices(("positional", "keywords", "payload"), (40, 35, 25))[0]
        out.add(f"def {py_ident(rng)}_tracked(user, item, props):")
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

    def lookalikes(self, text: str, suffix: str, rng: random.Random) -> str:
        """`text` with 1 to 3 look-alikes appended: after everything planted, so that every
        density plants the same findings on the same lines."""
        if suffix == "json":
            self.planted.lookalikes += 1
            return json.dumps({"survey": {
                "satisfaction_name": rng.choice(WORDS), "satisfaction_action_name": "rate",
                "labels": {w: w.title() for w in rng.sample(WORDS, 20)}}}, indent=2) + "\n"
        templates = {"py": PY_LOOKALIKES, "md": MD_LOOKALIKES}.get(suffix, JS_LOOKALIKES)
        lines = [text.rstrip("\n"), ""]
        for _ in range(rng.randint(1, 3)):
            self.planted.lookalikes += 1
            key = rng.choice(list(self.vocab.dotted))
            lines += [templates[rng.randrange(len(templates))].replace("KEY", key), ""]
        return "\n".join(lines)

    # files -----------------------------------------------------------------------------------

    def code_file(self, path: str, lang: str, target: int, tracking: bool) -> str:
        rng = self.rng
        out = Lines()
        if lang == "python":
            out.add("from __future__ import annotations", "", "import json",
                    f"from app.{rng.choice(NAME_WORDS)} import {py_ident(rng)}", "", "")
        else:
            for _ in range(rng.randint(1, 5)):
                out.add(f"import {{ {js_ident(rng)}, {js_ident(rng)} }} from "
                        f"'../{rng.choice(WORDS)}/{rng.choice(WORDS)}';")
            if lang in ("jsx", "tsx"):
                out.add("import { useState } from 'react';")
            out.add("")
        plants = rng.randint(1, 4) if tracking else 0
        while out.size < target or plants:
            roll = rng.random()
            if plants and roll < 0.3:
                plants -= 1
                if lang == "python":
                    self.py_tracking(out, path)
                else:
                    self.js_tracking(out, lang, path)
            elif lang == "python":
                py_block(self.rng, out)
            else:
                js_block(self.rng, out, lang)
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
                    py_block(self.rng, out)
                else:
                    js_block(self.rng, out, "ts")
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


def generate(
    repo: Path, files: int, seed: int, share: float = 0.1, density: str = "realistic"
) -> Planted:
    rng = random.Random(seed)
    # look-alikes draw from a stream of their own: every density gets the same files otherwise
    extra = random.Random(f"{seed}-lookalikes")
    rate = DENSITIES[density]
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
            text = gen.code_file(path, LANG_OF[suffix], target, tracking)
        if extra.random() < rate and not (suffix == "json" and tracking):
            text = gen.lookalikes(text, suffix, extra)
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
        name = (js_ident(rng) if suffix != "py" else py_ident(rng)) + f".{suffix}"
        path = f"{folder}/{name}"
        if path not in taken:
            taken.add(path)
            return path



def repository(repo: Path, files: int, seed: int, share: float, density: str) -> Planted:
    """The synthetic monorepo, generated unless an identical one is already there."""
    marker = repo.parent / f"{repo.name}.bench.json"  # outside: it must not be scanned
    params = {"files": files, "seed": seed, "share": share, "density": density,
              "generator": GENERATOR_VERSION}
    if marker.exists() and repo.exists():
        saved = json.loads(marker.read_text())
        if saved.get("params") == params:
            uses = [KeyUse(**u) for u in saved["planted"]["uses"]]
            return Planted(**{**saved["planted"], "uses": uses})
    print(f"generating {files} files in {repo} ...", flush=True)
    start = time.perf_counter()
    planted = generate(repo, files, seed, share, density)
    marker.write_text(json.dumps({"params": params, "planted": asdict(planted)}))
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return planted

