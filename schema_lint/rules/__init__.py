"""The rule registry."""

from __future__ import annotations

from dataclasses import dataclass

from schema_lint.diagnostics import Severity


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What the CLI, the docs and the reporters know of a rule.

    `docs` is the rule module's docstring: the user documentation with a bad and a good example.
    """

    code: str
    name: str
    severity: Severity
    default_on: bool
    summary: str
    docs: str
    fixable: bool = False
