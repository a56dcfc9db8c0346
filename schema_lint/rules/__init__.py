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
    """One rule by its code or its name (`SL001`, `dotted-key`), in any case."""
    found = RULES.get(code.upper()) or next(
        (rule for rule in RULES.values() if rule.info.name == code.lower()), None
    )
    if found is None:
        raise KeyError(f"unknown rule {code!r}{_did_you_mean(code)}")
    return found


def infos() -> tuple[RuleInfo, ...]:
    return tuple(rule.info for rule in RULES.values())


class SelectorError(ValueError):
    """A rule selector (code, prefix, name or ALL) that matches no rule."""


def resolve(selector: str) -> tuple[str, ...]:
    """The codes a selector stands for: `ALL`, a code or a prefix of one (`SL0`), or a name.

    A selector that matches nothing is an error, not a silent no-op: `--select SL02` must not
    check nothing and pass.
    """
    text = selector.strip()
    upper = text.upper()
    if upper == "ALL":
        return tuple(RULES)
    codes = tuple(code for code in RULES if code.startswith(upper))
    if codes and upper:
        return codes
    by_name = {rule.info.name: code for code, rule in RULES.items()}
    if text.lower() in by_name:
        return (by_name[text.lower()],)
    raise SelectorError(f"unknown rule code or prefix {text!r}{_did_you_mean(text)}")


def _did_you_mean(text: str) -> str:
    import difflib  # only for a typo: not on the way of every run

    known = [*RULES, *(rule.info.name for rule in RULES.values())]
    lookup = {name.upper(): name for name in known}
    close = sorted(difflib.get_close_matches(text.upper(), list(lookup), n=2, cutoff=0.6))
    hint = f" (did you mean {' or '.join(lookup[c] for c in close)}?)" if close else ""
    return f"{hint}; `schema-lint rules` lists them"
