"""The synthetic monorepo's vocabulary: words, actions, key names and their types."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


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


def js_ident(rng: random.Random, parts: int = 2) -> str:
    words = [rng.choice(NAME_WORDS) for _ in range(parts)]
    return words[0] + "".join(w.title() for w in words[1:])


def py_ident(rng: random.Random, parts: int = 2) -> str:
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
