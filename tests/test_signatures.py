"""The call-signature DSL: what each argument form parses to, and the errors a config shows."""

from __future__ import annotations

import pytest

from schema_lint.presets import PRESETS
from schema_lint.signatures import Param, SignatureError, parse


@pytest.mark.parametrize(
    ("text", "callee", "params"),
    [
        (
            "moesif.track(EVENT, METADATA)",
            ("moesif", "track"),
            (Param("EVENT"), Param("METADATA")),
        ),
        ("track(_, METADATA)", ("track",), (Param(), Param("METADATA"))),
        (
            "analytics.track(user_id, event=EVENT, properties=METADATA)",
            ("analytics", "track"),
            (Param(keyword="user_id"), Param("EVENT", "event"), Param("METADATA", "properties")),
        ),
        (
            "moesif.track({metadata: METADATA, action: EVENT})",
            ("moesif", "track"),
            (Param(props=(("metadata", "METADATA"), ("action", "EVENT"))),),
        ),
        ("  $.ev  ( METADATA )  ", ("$", "ev"), (Param("METADATA"),)),
        ("a.b.c(x=_, METADATA)", ("a", "b", "c"), (Param(keyword="x"), Param("METADATA"))),
        ("*.track(EVENT, METADATA)", ("*", "track"), (Param("EVENT"), Param("METADATA"))),
        (
            "p.capture(event=EVENT, *, properties=METADATA)",
            ("p", "capture"),
            (Param("EVENT", "event"), Param("METADATA", "properties", keyword_only=True)),
        ),
        (
            "*.batch([{metadata: METADATA, name: EVENT}])",
            ("*", "batch"),
            (Param(props=(("metadata", "METADATA"), ("name", "EVENT")), each=True),),
        ),
    ],
)
def test_parse(text: str, callee: tuple[str, ...], params: tuple[Param, ...]) -> None:
    signature = parse(text, "users", "js")
    assert (signature.callee, signature.params) == (callee, params)
    assert (signature.text, signature.namespace, signature.language) == (text, "users", "js")
    assert signature.name == callee[-1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("moesif.track", "not a call signature"),
        ("1track(METADATA)", "not a call signature"),
        ("track(EVENT)", "names no METADATA argument"),
        ("track()", "names no METADATA argument"),
        ("track(METADATA, METADATA)", "names a role twice"),
        ("track(EVENT, {a: EVENT, b: METADATA})", "names a role twice"),
        ("track({metadata: METADATA)", "unclosed object pattern"),
        ("track({metadata})", "object pattern entries look like"),
        ("track({metadata: OTHER})", "object pattern entries look like"),
        ("track(1x=METADATA)", "bad keyword"),
        ("track(EVENT, 'x', METADATA)", "expected EVENT, METADATA, _ or a name"),
        ("track(props=events, METADATA)", None),  # a name is a placeholder: valid
        ("track(*, METADATA)", "arguments after '\\*' look like 'name=ROLE'"),
        ("track(*, *, a=METADATA)", "'\\*' is given twice"),
        ("track([METADATA])", "array patterns look like"),
        ("track([{metadata: METADATA})", "array patterns look like"),
        ("*track(METADATA)", "not a call signature"),
        ("a.*.track(METADATA)", "not a call signature"),
    ],
)
def test_errors(text: str, message: str | None) -> None:
    if message is None:
        parse(text)
        return
    with pytest.raises(SignatureError, match=message):
        parse(text)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_has_metadata_and_a_language(preset: str) -> None:
    for signature in PRESETS[preset]:
        assert signature.language is not None
        assert any(
            p.role == "METADATA" or any(role == "METADATA" for _, role in p.props)
            for p in signature.params
        )
        again = parse(signature.text, signature.namespace, signature.language, signature.clients)
        assert again == signature


@pytest.mark.parametrize(
    ("text", "needle", "hit"),
    [
        ("moesif.track(EVENT, METADATA)", ".track", ".track"),
        ("*.track(EVENT, METADATA)", "track", "track"),
        ("track(EVENT, METADATA)", "track", "track"),
        ("mixpanel.people.set(_, METADATA)", "people.set", ".set"),
    ],
)
def test_prefilter_needles(text: str, needle: str, hit: str) -> None:
    signature = parse(text)
    assert (signature.needle, signature.hit) == (needle, hit)
