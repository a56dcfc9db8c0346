"""The byte prefilter: a callee's member chain, not its last name; payloads need both words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.prefilter import Prefilter, commented, fewest_needles, longest_shared
from schema_lint.presets import PRESETS
from schema_lint.scanners import ScanContext, candidate, scan_file
from schema_lint.signatures import parse

MOESIF = Prefilter(PRESETS["moesif"], ("getMetadata",))


@pytest.mark.parametrize(
    "code",
    [
        "moesif.track('a', {})",
        "moesif?.track('a', {})",
        "moesif!.track('a', {})",
        "window.moesif.track('a', {})",
        "moesif\n  .track('a', {})",
        "moesif .\n\ttrack('a', {})",
        "x = 1; moesif.track('a', {})",
        "updateUser({ metadata: {} })",
        "api.updateCompany({ metadata: {} })",
        "const body = { action_name: 'a', metadata: {} }",
        "const body = { metadata, action_name }",
        "export const getMetadata = (req) => ({})",
    ],
)
def test_admits_what_can_be_ours(code: str) -> None:
    assert MOESIF.admits(code.encode())


@pytest.mark.parametrize(
    "code",
    [
        "router.track('a', {})",
        "tracker.track('a', {})",
        "span.track('a', {})",
        "notmoesif.track('a', {})",
        "moesif.tracking('a', {})",
        "const options = { track: true, capture: true }",
        "const usage = \"moesif.track('a', { 'k.k': 1 })\";",
        "// moesif.track('a', {}) is what the SDK does",
        "  * moesif.track('a', {})",
        "logger.warn('event without action_name', id)",
        "const row = { action_name: 'a', count: 1 }",
        "// action_name and metadata",
    ],
)
def test_rejects_look_alikes(code: str) -> None:
    assert not MOESIF.admits(code.encode())


def test_chain_rules_per_language() -> None:
    php = Prefilter((parse("moesif.track(EVENT, METADATA)"),))
    assert php.admits(b"<?php $moesif->track('a', []);")
    assert php.admits(b"<?php $moesif?->track('a', []);")
    assert Prefilter((parse("Analytics.track(EVENT, METADATA)"),)).admits(
        b"Analytics&.track('a', {})"
    )
    assert not php.admits(b"<?php $router->track('a', []);")
    python = Prefilter((parse("analytics.track(user_id, event=EVENT, properties=METADATA)"),))
    assert python.admits(b"analytics \\\n    .track(uid, 'a', {})")


def test_longer_callee_needs_every_name() -> None:
    nested = Prefilter((parse("mixpanel.people.set(METADATA)"),))
    assert nested.admits(b"mixpanel.people.set({})")
    assert nested.admits(b"window.mixpanel\n  .people\n  .set({})")
    assert not nested.admits(b"people.set({})")
    assert not nested.admits(b"other.people.set({})")


def test_comment_lines_any_line_end() -> None:
    data = b"// note\rmoesif.track('a', {})"
    assert not commented(data, data.index(b"track"))
    assert commented(b"  # x.track()", 9)
    assert not commented(b"  *args, x.track()", 12)


def test_json_needs_the_quoted_key() -> None:
    ctx = ScanContext(PRESETS["moesif"])
    locale = b'{"satisfaction_name": "x", "action_name_hint": "y"}'
    assert not candidate("json", locale, ctx, False)
    assert candidate("json", b'{"action_name": "a", "metadata": {}}', ctx, False)


def test_look_alike_file_is_never_decoded() -> None:
    """A file holding only look-alikes is not a candidate: bad bytes in it are no finding."""
    ctx = ScanContext(PRESETS["moesif"])
    data = b"\xc3\x28 router.track('a', { 'k.k': 1 });\n"
    assert scan_file("a.ts", "typescript", data, ctx, False).problems == ()


names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


@given(
    receiver=names,
    blank=st.sampled_from(["", " ", "\n  ", "\t"]),
    access=st.sampled_from([".", "?.", "!."]),
)
def test_the_chain_decides(receiver: str, blank: str, access: str) -> None:
    """Whatever the spacing, a call is admitted exactly when its receiver is the callee's."""
    code = f"{receiver}{blank}{access}{blank}track('a', {{}})".encode()
    assert Prefilter((parse("moesif.track(EVENT, METADATA)"),)).admits(code) == (
        receiver == "moesif"
    )


@given(st.sets(st.from_regex(r"[A-Za-z_]{1,16}", fullmatch=True), min_size=1, max_size=12))
def test_every_name_holds_a_needle(names: set[str]) -> None:
    """Fewer passes, never a lost name: each name contains one of the needles."""
    needles = fewest_needles(names)
    assert len(needles) <= len(names)
    assert all(any(needle in name.encode() for needle in needles) for name in names)


def test_needles_shared_by_names() -> None:
    assert fewest_needles(["Analytics", "analytics", "track"]) == (b"nalytics", b"track")
    assert fewest_needles(["identifyUser", "identify"]) == (b"identify",)
    # a name and a longer one holding it capitalized: what follows the first letter
    assert fewest_needles(["moesif", "MoesifAPIClient", "track"]) == (b"oesif", b"track")
    assert fewest_needles(["Moesif", "moesifClient"]) == (b"oesif",)
    # too short to be rare, or not the same name
    assert fewest_needles(["track", "Track"]) == (b"Track", b"track")
    assert fewest_needles(["moesif", "MXesifClient"]) == (b"MXesifClient", b"moesif")


def test_a_needle_inside_a_long_name_is_found_from_its_start() -> None:
    """The triage starts the word search early enough for a needle in a name's middle."""
    from pathlib import Path

    from schema_lint.discovery import SourceFile
    from schema_lint.scan import _Triage

    signatures = (
        parse("*.recordAnalyticsEventWithMetadata(METADATA)"),
        parse("*.sendAnalyticsEventWithMetadata(METADATA)"),
    )
    triage = _Triage(ScanContext(signatures))
    data = b"x = 1;\napi.recordAnalyticsEventWithMetadata({ a: 1 });\n"
    file = SourceFile("a.ts", str(Path("a.ts")), "typescript", len(data), False)
    assert triage.quick_scan(file, data) is None



_SHORT = st.lists(st.sampled_from(b"abcA_"), max_size=14).map(bytes)


@given(_SHORT, _SHORT, st.integers(0, 6))
def test_longest_shared_is_difflibs_longest_match(a: bytes, b: bytes, longer_than: int) -> None:
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    assert longest_shared(a, b) == (match.a, match.b, match.size)
    expected = (match.a, match.b, match.size) if match.size > longer_than else (0, 0, 0)
    assert longest_shared(a, b, longer_than) == expected
