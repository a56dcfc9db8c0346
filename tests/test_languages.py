"""The language registry agrees with the files that cannot import it, and feeds the rest."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from schema_lint import cache, discovery, signatures
from schema_lint.languages import (
    BY_NAME,
    CODE,
    FAMILIES,
    FENCES,
    GRAMMAR_MODULES,
    GRAMMAR_PACKAGES,
    REGISTRY,
    SUFFIXES,
)
from schema_lint.scanners import DOCUMENTS, GRAMMARS, extractor_class, markdown, parser
from schema_lint.scanners.code import Extractor

REPO = Path(__file__).resolve().parents[1]


def test_names_suffixes_and_fences_are_unique() -> None:
    assert len(BY_NAME) == len(REGISTRY)
    suffixes = [s for lang in REGISTRY for s in lang.suffixes]
    fences = [w for lang in REGISTRY for w in lang.fences]
    assert len(suffixes) == len(set(suffixes)) and len(fences) == len(set(fences))
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)


def test_every_table_comes_from_the_registry() -> None:
    assert discovery.LANGUAGES == SUFFIXES
    assert markdown.LANGUAGES == FENCES
    assert signatures.LANGUAGES == FAMILIES
    assert set(GRAMMARS) | set(DOCUMENTS) == set(BY_NAME)
    assert ("tree_sitter", *GRAMMAR_MODULES) == cache._GRAMMARS


def test_each_row_scans_with_something() -> None:
    for language in REGISTRY:
        assert (language.grammar is None) != (language.scanner is None), language.name
        if language.scanner is not None:
            assert hasattr(import_module(DOCUMENTS[language.name]), "scan")


@pytest.mark.parametrize("language", [lang.name for lang in CODE])
def test_code_rows_load_their_grammar_and_extractor(language: str) -> None:
    assert parser(language).language is not None
    cls = extractor_class(language)
    assert issubclass(cls, Extractor) and not getattr(cls, "__abstractmethods__", None)


def test_config_schema_language_enum() -> None:
    schema = json.loads((REPO / "schema_lint/schemas/config.schema.json").read_text())
    calls = schema["properties"]["calls"]["items"]["anyOf"][1]
    assert tuple(calls["properties"]["language"]["enum"]) == FAMILIES


def test_pyproject_pins_every_grammar() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    pins = {re.split(r"[<>=]", dep)[0]: dep for dep in project["project"]["dependencies"]}
    for package in GRAMMAR_PACKAGES:
        pin = pins[package]
        # a lower bound and an upper bound below the next minor version, as the others
        assert re.fullmatch(rf"{package}>=[\d.]+,<\d+\.\d+", pin), pin
        installed = tuple(int(part) for part in version(package).split(".")[:2])
        upper = tuple(int(part) for part in pin.rpartition("<")[2].split("."))
        assert installed < upper, (package, installed)
    ignored = project["tool"]["mypy"]["overrides"][0]["module"]
    assert set(GRAMMAR_MODULES) <= set(ignored)


def test_pre_commit_hook_covers_every_suffix_and_type() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    for suffix in SUFFIXES:
        assert re.search(hook["files"], f"a{suffix}"), suffix
    assert not re.search(hook["files"], "a.css")
    types = {tag for lang in REGISTRY for tag in lang.hook_types}
    assert set(hook["types_or"]) == types | {"text"}


def test_readme_lists_every_suffix() -> None:
    readme = (REPO / "README.md").read_text()
    table = readme.partition("## What is scanned")[2].partition("\n## ")[0]
    listed = {word for span in re.findall(r"`([^`]*)`", table) for word in span.split()}
    assert set(SUFFIXES) <= listed, set(SUFFIXES) - listed
