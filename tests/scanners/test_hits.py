"""The hit pattern: where extraction starts, in every grammar's member-access syntax."""

from __future__ import annotations

import pytest

from schema_lint.scanners.code import hit_pattern

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
    found = hit_pattern(NAMES).search(text)
    assert (found.group() if found else None) == hit
