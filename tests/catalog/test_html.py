"""The HTML page: self-contained (no network reference) and filtered in a real browser.

The browser test drives Debian's `chromium` through Playwright. It is skipped on a machine
without one, except in CI (CI set), where a missing browser fails: .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from schema_lint.catalog.formats import html
from schema_lint.catalog.model import Catalog, Coverage, Event, EventKey, Location
from tests.catalog.test_golden import GOLDEN

PAGE = GOLDEN / "example-app.html"
BROWSER_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def test_page_has_no_network_reference() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert not re.search(r"(?:src|href|action)\s*=", page, re.IGNORECASE)
    assert not re.search(r"\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|import)\b", page)
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w", page)
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page  # and the browser refuses any request anyway


def test_names_from_code_are_escaped() -> None:
    hostile = '<img src="https://example.com/x.png">'
    entry = EventKey(hostile, hostile, "string", "new", (Location("a.js", 1, 1),))
    event = Event("events", "</script><script>alert(1)</script>", (), (entry,))
    page = html.render(Catalog((event,), (), Coverage(()), ()))
    assert "<img" not in page and "</script><script>" not in page
    assert "&lt;img src=&quot;https://example.com/x.png&quot;&gt;" in page


def chromium() -> str:
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail("chromium is missing in CI: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return executable


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    opened = browser.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.goto(PAGE.as_uri())
    yield opened
    opened.close()
    assert requests == [PAGE.as_uri()]  # the page itself, and nothing else


def visible_events(page: Any) -> list[str]:
    return [
        section.get_attribute("data-name")
        for section in page.query_selector_all("section.event")
        if section.is_visible()
    ]


def visible_keys(page: Any, event: str) -> list[str]:
    section = page.query_selector(f'section.event[data-name="{event}"]')
    return [
        row.get_attribute("data-key")
        for row in section.query_selector_all("tbody tr")
        if row.is_visible()
    ]


def test_everything_shows_before_a_search(page: Any) -> None:
    assert visible_events(page) == [
        "clicked sign up",
        "order completed",
        "signed up",
        "upgraded plan",
        "clicked_sign_up",
        "(no action name)",
        "(no action name)",
        "(no action name)",
    ]
    assert len(visible_keys(page, "signed up")) == 3


def test_filter_by_event_name_shows_that_event_with_all_its_keys(page: Any) -> None:
    page.fill("#search", "Signed")
    assert visible_events(page) == ["signed up"]
    assert visible_keys(page, "signed up") == ["plan", "price", "sign_up_method"]


def test_filter_by_key_shows_only_the_rows_of_that_key(page: Any) -> None:
    page.fill("#search", "seat")
    assert visible_events(page) == ["upgraded plan", "(no action name)"]
    assert visible_keys(page, "upgraded plan") == ["seat_count", "seat_count"]
    keys = [
        row.get_attribute("data-key")
        for row in page.query_selector_all("#keys tbody tr")
        if row.is_visible()
    ]
    assert keys == ["seat_count", "seats"]
    page.fill("#search", "")
    assert len(visible_events(page)) == 8


def test_the_key_table_filters_by_the_events_that_send_a_key(page: Any) -> None:
    page.fill("#search", "upgraded plan")
    keys = [
        row.get_attribute("data-key")
        for row in page.query_selector_all("#keys tbody tr")
        if row.is_visible()
    ]
    assert keys == ["plan", "price", "seat_count"]
    assert visible_events(page) == ["upgraded plan"]
