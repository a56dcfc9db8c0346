"""Rule selectors: codes, prefixes, names and ALL resolve; anything else is an error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.rules import RULES, SelectorError, resolve

NAMES = {rule.info.name: code for code, rule in RULES.items()}


@pytest.mark.parametrize(
    ("selector", "codes"),
    [
        ("ALL", tuple(RULES)),
        ("all", tuple(RULES)),
        ("SL", tuple(RULES)),
        ("SL1", ("SL101", "SL102")),
        ("sl10", ("SL101", "SL102")),
        ("SL002", ("SL002",)),
        (" SL002 ", ("SL002",)),
        ("mixed-array", ("SL004",)),
        ("Mixed-Array", ("SL004",)),
    ],
)
def test_known_selectors(selector: str, codes: tuple[str, ...]) -> None:
    assert resolve(selector) == codes


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("SL02", "unknown rule code or prefix 'SL02' (did you mean SL002 or SL102?)"),
        ("SL0001", "(did you mean SL001"),
        ("E501", "unknown rule code or prefix 'E501'; `schema-lint rules` lists them"),
        ("SL9", "unknown rule code or prefix 'SL9'; `schema-lint rules` lists them"),
        ("key-colision", "(did you mean key-collision?)"),
        ("", "unknown rule code or prefix ''"),
    ],
)
def test_unknown_selectors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as caught:
        resolve(selector)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@given(st.text(max_size=8))
def test_a_selector_resolves_to_the_codes_it_names_or_fails(selector: str) -> None:
    try:
        codes = resolve(selector)
    except SelectorError:
        text = selector.strip()
        assert text.upper() != "ALL" and text.lower() not in NAMES
        assert not text or not any(code.startswith(text.upper()) for code in RULES)
        return
    assert codes and set(codes) <= set(RULES)
    assert list(codes) == [code for code in RULES if code in codes]  # registry order
    text = selector.strip()
    assert (
        text.upper() == "ALL"
        or all(code.startswith(text.upper()) for code in codes)
        or NAMES.get(text.lower()) == codes[0]
    )


@given(st.sampled_from(sorted(RULES)), st.integers(min_value=1, max_value=5))
def test_every_prefix_of_a_code_selects_it(code: str, length: int) -> None:
    assert code in resolve(code[:length])
