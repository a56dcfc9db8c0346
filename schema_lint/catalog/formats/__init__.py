"""Catalog formats: one module per format, each with `render(catalog) -> str`, and
`render_diff(diff) -> str` where the format has a diff view (markdown, json)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schema_lint.catalog.diff import CatalogDiff
    from schema_lint.catalog.model import Catalog

FORMATS: dict[str, str] = {
    "markdown": "schema_lint.catalog.formats.markdown",
    "json": "schema_lint.catalog.formats.json_",
    "html": "schema_lint.catalog.formats.html",
}
DIFF_FORMATS = ("markdown", "json")


def get(name: str) -> Callable[[Catalog], str]:
    render: Callable[[Catalog], str] = importlib.import_module(_module(name)).render
    return render


def get_diff(name: str) -> Callable[[CatalogDiff], str]:
    if name not in DIFF_FORMATS:
        known = ", ".join(DIFF_FORMATS)
        raise KeyError(f"--diff-against has no {name} format (formats with a diff: {known})")
    render: Callable[[CatalogDiff], str] = importlib.import_module(_module(name)).render_diff
    return render


def _module(name: str) -> str:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise KeyError(f"unknown catalog format {name!r} (known formats: {known})") from None
