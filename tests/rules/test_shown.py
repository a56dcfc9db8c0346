"""How a message quotes text from a scanned file."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from schema_lint.rules import base
from schema_lint.strings import shorten

_TEXT = st.text(st.sampled_from("ab.é\x00\n\t\x7f\x85\u2028\u00a0\u00ad "), max_size=90)


@given(_TEXT)
def test_shown_escapes_control_characters_and_cuts_long_text(text: str) -> None:
    escaped = base._CONTROL.sub(lambda match: repr(match.group())[1:-1], text)
    assert base.shown(text) == shorten(escaped, base.MAX_SHOWN)


def test_shown_examples() -> None:
    assert base.shown("a.b") == "a.b"
    assert base.shown("a\nb") == "a\\nb"
    assert base.shown("k" * 100) == shorten("k" * 100, base.MAX_SHOWN)
