"""The hit pattern: where extraction starts, in every grammar's member-access syntax."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.prefilter import SPACE, access
from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext, scan_file
from schema_lint.scanners.code import _TOKEN, DIRECT_LOOKUPS, find_hits, token_positions

NAMES = (".track", "people.set", "action_name", "identify")


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        (b"moesif.track(", b"track"),
        (b"moesif?.track(", b"track"),
        (b"moesif\n  .track(", b"track"),
        (b"$this->moesif->track(", b"track"),
        (b"$moesif?->track(", b"track"),
        (b"Moesif::track(", b"track"),
        (b"mixpanel.people.set(", b"people.set"),
        (b"$mp->people->set(", b"people->set"),
        (b"mixpanel.people\n  .set(", b"people\n  .set"),
        # the same member accesses the prefilter admits: Ruby's `&.`, TypeScript's `!`
        (b"moesif&.track(", b"track"),
        (b"mixpanel.people&.set(", b"people&.set"),
        (b"mixpanel.people!.set(", b"people!.set"),
        (b"identify(user)", b"identify"),
        (b"{'action_name': 1}", b"action_name"),
        # no hit: a bare call of a method-only name, a longer word, a name in another word
        (b"track(x)", None),
        (b"moesif.tracker(", None),
        (b"x.untrack(", None),
        (b"peoples.set(", None),
        (b"my_action_name", None),
    ],
)
def test_hits(text: bytes, hit: bytes | None) -> None:
    found = [text[start:end] for start, end in find_hits(text, NAMES)]
    assert found == ([] if hit is None else [hit])


_NAMES = st.sampled_from(["a", "ab", "b", "$x", "x_1", "é", "track"])
_TEXT = st.lists(
    st.one_of(_NAMES, st.sampled_from([" ", ".", "(", ")", "{", "\n", "'", "1", "_", "$"])),
    max_size=40,
).map("".join)


@given(text=_TEXT, name=_NAMES)
def test_a_plain_search_finds_what_indexing_every_token_finds(text: str, name: str) -> None:
    data = text.encode()
    indexed = [m.start() for m in _TOKEN.finditer(data) if m.group() == name.encode()]
    assert token_positions(data, name.encode()) == indexed


def test_names_past_the_direct_lookups_are_found_through_the_index() -> None:
    count = DIRECT_LOOKUPS + 8
    declarations = "".join(f"const v{i} = {(i % 2 and '1') or repr('s')};\n" for i in range(count))
    keys = ", ".join(f"k{i}: v{i}" for i in range(count))
    source = f"{declarations}moesif.track('E', {{ {keys} }});\n".encode()
    scan = scan_file("a.js", "javascript", source, ScanContext(PRESETS["moesif"]), False)
    (occurrence,) = scan.occurrences
    types = [entry.value.type for entry in occurrence.metadata.entries]
    assert types == [("integer" if i % 2 else "string") for i in range(count)]


def _alternation(names: tuple[str, ...]) -> re.Pattern[bytes]:
    """What the hits are, written as one regex alternation (longest name first)."""
    between = SPACE + rb"!?" + SPACE + access() + SPACE

    def alternative(name: str) -> bytes:
        body = between.join(re.escape(part.encode()) for part in name.lstrip(".").split("."))
        return rb"(?<=[.>:])" + body if name.startswith(".") else body

    alternatives = b"|".join(alternative(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rb"(?<![\w$])(?:" + alternatives + rb")(?![\w$])")


_HIT_NAMES = st.lists(
    st.sampled_from(["track", ".track", "a.track", "people.set", ".set", "set", "a", "$b"]),
    min_size=1,
    max_size=4,
).map(tuple)
_PIECES = ("track", "set", "people", "a", "$b", "b", ".", "?.", "->", "::", "&.", "!", "x", "_")
_HIT_TEXT = st.lists(
    st.sampled_from((*_PIECES, "$", "(", "'", " ", "\n")),
    max_size=30,
).map("".join)


@given(text=_HIT_TEXT, names=_HIT_NAMES)
def test_hits_are_what_one_alternation_finds(text: str, names: tuple[str, ...]) -> None:
    data = text.encode()
    expected = [m.span() for m in _alternation(names).finditer(data)]
    assert find_hits(data, names) == expected
