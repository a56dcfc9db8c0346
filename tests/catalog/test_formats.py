"""What the formats promise whatever names the code holds: Markdown tables keep their columns,
and every format is deterministic."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from schema_lint.catalog.formats import get, get_diff
from schema_lint.catalog.formats.markdown import code, render, text
from schema_lint.catalog.model import Catalog, Coverage, Event, EventKey, Location
from tests.strategies import load_profile

load_profile()
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def catalog_with(name: str, key: str) -> Catalog:
    entry = EventKey(key, key, "string", "new", (Location("a.js", 1, 1),))
    return Catalog(
        (Event("events", name, (Location("a.js", 1, 1),), (entry,)),), (), Coverage(()), ()
    )


@given(st.text())
def test_a_cell_never_breaks_its_table_row(value: str) -> None:
    for cell in (code(value), text(value)):
        assert not _UNESCAPED_PIPE.search(cell)
        assert "\n" not in cell and "\r" not in cell


@given(st.text(min_size=1))
def test_the_event_table_keeps_five_columns(key: str) -> None:
    page = render(catalog_with("x", key))
    row = next(line for line in page.splitlines() if line.endswith("`a.js:1:1` |"))
    assert len(_UNESCAPED_PIPE.findall(row)) == 6


def test_code_spans_hold_backticks_and_names_are_escaped() -> None:
    assert code("a`b") == "``a`b``"
    assert code("`x") == "`` `x ``"
    assert code("a|b") == "`a\\|b`"
    assert text("*bold* <b>") == "\\*bold\\* \\<b\\>"
    assert text("sign_up _x_") == "sign_up \\_x\\_"  # only where emphasis could start
    assert "#### \\[x\\](javascript:alert)" in render(catalog_with("[x](javascript:alert)", "k"))


def test_unknown_formats_are_refused() -> None:
    for lookup in (get, get_diff):
        try:
            lookup("yaml")
        except KeyError as exc:
            assert "yaml" in exc.args[0]
        else:
            raise AssertionError("no error")
