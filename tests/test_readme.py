"""The README agrees with the tool: rules, commands and flags, config keys, the quick start."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest

from schema_lint.cli import main
from schema_lint.rules import RULES
from tests.conftest import run_cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text under a `## title` heading, up to the next heading of that level."""
    return README.partition(f"\n## {title}\n")[2].partition("\n## ")[0]


def _fence(text: str, info: str) -> str:
    match = re.search(rf"```{info}\n(.*?)```", text, re.S)
    assert match, info
    return match.group(1)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rules_table_matches_the_registry(code: str) -> None:
    info = RULES[code].info
    row = re.search(rf"^\| {code} \| ([^|]+) \| ([^|]+) \|", _section("Rules"), re.M)
    assert row, code
    name, default = row.group(1).strip(), row.group(2).strip()
    assert name == info.name
    assert default.startswith(info.severity.value)
    assert ("off" in default) is not info.default_on


def _options(command: click.Command) -> set[str]:
    names = {name for param in command.params for name in param.opts if name.startswith("--")}
    return names - {"--help"}


def _usage_entries() -> dict[str, str]:
    """Each command's lines in the Command line block: its `schema-lint NAME` lines and the
    indented option lines under them."""
    entries: dict[str, str] = {}
    name = ""
    for line in _fence(_section("Command line"), "").splitlines():
        if line.startswith("schema-lint "):
            name = line.split()[1]
        entries[name] = entries.get(name, "") + line + "\n"
    return entries


# flags the prose under the block documents for several commands at once
SHARED = {"--offline", "--debug"}


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_line_section_names_every_option(name: str) -> None:
    entry = _usage_entries()[name]
    prose = _section("Command line")
    missing = {
        option
        for option in _options(main.commands[name])
        if option not in entry and not (option in SHARED and option in prose)
    }
    assert not missing, (name, missing)


def test_config_example_holds_every_config_key() -> None:
    schema = json.loads((REPO / "schema_lint/schemas/config.schema.json").read_text())
    example = _fence(_section("Configuration"), "yaml")
    keys = set(re.findall(r"^([a-z-]+):", example, re.M))
    assert keys == set(schema["properties"])


def test_quick_start_is_two_commands_and_its_output_is_real() -> None:
    quick_start = _section("Quick start")
    commands = [line for line in _fence(quick_start, "sh").splitlines() if line.strip()]
    assert commands == [
        "pip install . && schema-lint check fixtures/example-app",
        "pip install -e '.[dev]' && pytest",
    ]
    shown = _fence(quick_start, "text").splitlines()
    result = run_cli(["check", "--no-cache", "fixtures/example-app"], REPO)
    assert result.exit_code == 1, result.stderr
    printed = result.stdout.splitlines()
    assert shown and all(line in printed for line in shown), (shown, printed)


def test_snippets_name_no_unpublished_release() -> None:
    # schema-lint is neither on PyPI nor tagged: the snippets pin a commit of the repository
    snippets = "".join(re.findall(r"```(?:yaml|sh)\n(.*?)```", README, re.S))
    for unpublished in ("pip install schema-lint\n", "rev: v", "schema-lint@v"):
        assert unpublished not in snippets, unpublished
    assert 'pip install "git+https://github.com/<owner>/schema-lint@<commit>"' in snippets
    assert "rev: <commit>" in snippets and "uses: <owner>/schema-lint@<commit>" in snippets
