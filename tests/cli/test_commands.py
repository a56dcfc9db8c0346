"""The command line is a thin layer: its choices come from the registries."""

from __future__ import annotations

import click
import pytest

from schema_lint.cli import main
from schema_lint.reporters import REPORTERS


@pytest.mark.parametrize("name", ["check", "validate"])
def test_format_choices_are_the_reporter_registry(name: str) -> None:
    command = main.commands[name]
    (option,) = [p for p in command.params if p.name == "format_"]
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == ("auto", *REPORTERS)


def test_every_command_is_registered() -> None:
    assert sorted(main.commands) == [
        "catalog", "check", "explain", "export", "lock", "merge-lock", "rules", "validate",
    ]  # fmt: skip
