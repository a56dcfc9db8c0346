"""Grammars load from their packages' compiled modules, without the packages' `__init__`."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

import pytest

from schema_lint import languages
from schema_lint.languages import CODE
from schema_lint.scanners import compiled


@pytest.mark.parametrize("language", CODE, ids=lambda language: language.name)
def test_every_grammar_loads_from_its_compiled_module(language: languages.Language) -> None:
    from tree_sitter import Language

    assert language.grammar is not None
    package, function = language.grammar
    module = compiled(package, function)
    assert module.__name__ == "_binding"
    quick = Language(getattr(module, function)())
    usual = Language(getattr(import_module(package), function)())
    assert (quick.name, quick.abi_version, quick.node_kind_count) == (
        usual.name,
        usual.abi_version,
        usual.node_kind_count,
    )


def test_a_package_laid_out_otherwise_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plain_grammar").mkdir()
    (tmp_path / "plain_grammar/__init__.py").write_text("def language():\n    return 'plain'\n")
    (tmp_path / "odd_grammar").mkdir()
    (tmp_path / "odd_grammar/__init__.py").write_text("def language():\n    return 'odd'\n")
    (tmp_path / "odd_grammar/_binding.py").write_text("def other():\n    return 'other'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert compiled("plain_grammar", "language").language() == "plain"
        assert compiled("odd_grammar", "language").language() == "odd"  # not in its _binding
    finally:
        for name in ("plain_grammar", "odd_grammar", "odd_grammar._binding"):
            sys.modules.pop(name, None)
