"""Every rule's metadata is honest: unique code and name, and docs whose bad example is
flagged by that rule and whose good example is not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from schema_lint.rules import RULES, get
from tests.conftest import run_cli

FENCE = re.compile(r"```(\w+)( lock)?\n(.*?)```", re.S)
SUFFIX = {"js": "js", "ts": "ts", "tsx": "tsx", "py": "py", "python": "py", "json": "json"}


def _examples(docs: str) -> tuple[tuple[str, str], tuple[str, str], str | None]:
    bad_docs, _, good_docs = docs.partition("\nGood")
    bad = next((m.group(1), m.group(3)) for m in FENCE.finditer(bad_docs) if not m.group(2))
    good = next((m.group(1), m.group(3)) for m in FENCE.finditer(good_docs) if not m.group(2))
    lock = next((m.group(3) for m in FENCE.finditer(docs) if m.group(2)), None)
    return bad, good, lock


def _codes_found(
    tmp_path: Path, code: str, example: tuple[str, str], lock: str | None
) -> list[str]:
    language, source = example
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / f"example.{SUFFIX[language]}").write_text(source)
    (tmp_path / "schema-lint.lock.yaml").write_text(lock or "version: 1\n")
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    args = ["check", "--format", "json", "--no-cache", "--select", code]
    if code == "SL005":
        args.append("--frozen")
    result = run_cli(args, tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    return [d["code"] for d in json.loads(result.stdout)]


def test_codes_and_names_are_unique() -> None:
    infos = [rule.info for rule in RULES.values()]
    assert len({i.code for i in infos}) == len(infos)
    assert len({i.name for i in infos}) == len(infos)
    for info in infos:
        assert re.fullmatch(r"SL\d{3}", info.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", info.name)
        assert info.summary and "Bad" in info.docs and "Good" in info.docs
        assert info.docs.startswith(f"{info.name} ({info.code})")


@pytest.mark.parametrize("code", sorted(RULES))
def test_bad_example_is_flagged_and_good_is_not(code: str, tmp_path: Path) -> None:
    bad, good, lock = _examples(get(code).info.docs)
    assert code in _codes_found(tmp_path / "bad", code, bad, lock)
    assert code not in _codes_found(tmp_path / "good", code, good, lock)


@pytest.mark.parametrize("name", ["sl001", "SL001", "dotted-key", "Dotted-Key"])
def test_explain_prints_the_docs(name: str, tmp_path: Path) -> None:
    result = run_cli(["explain", name], tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("# SL001 dotted-key") and "Bad:" in result.stdout


@pytest.mark.parametrize(
    ("name", "hint"), [("SL999", ""), ("dotted_key", " (did you mean dotted-key?)")]
)
def test_explain_unknown_code_is_a_usage_error(name: str, hint: str, tmp_path: Path) -> None:
    result = run_cli(["explain", name], tmp_path)
    assert result.exit_code == 2
    assert f"unknown rule '{name}'{hint}" in result.stderr


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run_cli(["rules"], tmp_path)
    for code in RULES:
        assert code in result.stdout
