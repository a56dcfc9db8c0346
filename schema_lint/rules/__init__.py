"""The rule registry: one module per rule, listed explicitly.

A rule module has CODE, NAME, SEVERITY, DEFAULT_ON, SUMMARY, FIXABLE, a docstring that is its
user documentation (`schema-lint explain CODE`), and `check(context)` yielding Diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.rules.base import RuleContext

_MODULES = (
    "sl001_dotted_key",
    "sl002_type_conflict",
    "sl003_key_collision",
    "sl004_mixed_array",
    "sl005_unlocked_key",
    "sl006_parse_error",
    "sl007_dynamic_value",
    "sl101_inconsistent_key_style",
    "sl102_inconsistent_action_names",
)


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


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Callable[[RuleContext], Iterator[Diagnostic]]


def _load(name: str) -> Rule:
    module: ModuleType = import_module(f"schema_lint.rules.{name}")
    info = RuleInfo(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        module.DEFAULT_ON,
        module.SUMMARY,
        (module.__doc__ or "").strip(),
        getattr(module, "FIXABLE", False),
    )
    return Rule(info, module.check)


RULES: dict[str, Rule] = {rule.info.code: rule for rule in map(_load, _MODULES)}


def get(code: str) -> Rule:
    try:
        return RULES[code.upper()]
    except KeyError:
        raise KeyError(f"unknown rule {code!r}; `schema-lint rules` lists them") from None


def infos() -> tuple[RuleInfo, ...]:
    return tuple(rule.info for rule in RULES.values())
