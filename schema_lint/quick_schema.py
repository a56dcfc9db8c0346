"""Whether a document holds to one of the shipped JSON Schemas, without importing jsonschema.

Importing jsonschema takes about 30 ms, a tenth of what a first run spends before its first
file is read, and almost every config and lockfile is valid. `holds` knows only the keywords
the shipped schemas use, each with jsonschema's meaning (Draft 2020-12), and answers True or
False only where that is certain: None for a keyword, a `$ref` or a value type it does not
know. The callers skip jsonschema on True; on anything else they ask it, as they always do for
the message of a document that does not hold. tests/test_quick_schema.py holds the answers
equal to jsonschema's.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

Schema = dict[str, Any] | bool
Verdict = bool | None  # None: not known here, ask jsonschema

# what a loaded JSON or YAML document holds that this module can judge; anything else (a YAML
# date or set) is left to jsonschema
_JSON_TYPES = frozenset({dict, list, str, int, float, bool, type(None)})
_NOT_ASSERTIONS = frozenset(
    {"$schema", "$id", "$defs", "title", "description", "default", "examples", "x-expected"}
)
_EXACT_TYPES: dict[str, type] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


@functools.cache
def shipped(name: str) -> dict[str, Any]:
    """A schema under `schema_lint/schemas/`: read beside this module, not through
    `importlib.resources`, whose import alone costs more than the read."""
    text = (Path(__file__).parent / "schemas" / f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def holds(schema: Schema, instance: object, root: Schema | None = None) -> Verdict:
    """True or False where certain, None when jsonschema must tell; `root` holds the `$defs`
    that `$ref`s point into (the schema itself when not given)."""
    if isinstance(schema, bool):
        return schema
    if type(instance) not in _JSON_TYPES:
        return None
    root = schema if root is None else root
    verdicts = []
    for keyword, value in schema.items():
        if keyword in _NOT_ASSERTIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            return None
        verdicts.append(check(value, instance, _Where(schema, root)))
        if verdicts[-1] is False:
            return False  # one failed assertion is enough, whatever the others would say
    return _all(verdicts)


def _all(verdicts: Iterable[Verdict]) -> Verdict:
    return _decide(verdicts, settles=False)


def _any(verdicts: Iterable[Verdict]) -> Verdict:
    return _decide(verdicts, settles=True)


def _decide(verdicts: Iterable[Verdict], settles: bool) -> Verdict:
    """Three-valued `all` (settled by a False) or `any` (by a True): one settling verdict
    decides, whatever the others; else one unknown leaves the whole unknown."""
    found: Verdict = not settles
    for verdict in verdicts:
        if verdict is settles:
            return settles
        if verdict is None:
            found = None
    return found


class _Where(NamedTuple):
    """Where a keyword stands: the schema holding it (`additionalProperties` reads its
    `properties`) and the root (`$ref`s point into its `$defs`)."""

    schema: dict[str, Any]
    root: Schema


def _is_type(name: str, instance: object) -> Verdict:
    kind = type(instance)
    if name == "integer":  # Draft 6 on: 1.0 is an integer
        return kind is int or (kind is float and float(instance).is_integer())  # type: ignore[arg-type]
    if name == "number":
        return kind is int or kind is float
    return kind is _EXACT_TYPES[name] if name in _EXACT_TYPES else None


def _equal(one: object, two: object) -> Verdict:
    """jsonschema's equality for scalars: a string only equals a string, and booleans are not
    the numbers 0 and 1; containers are left to it."""
    if one is two:
        return True
    if isinstance(one, list | dict) or isinstance(two, list | dict):
        return None
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, bool) or isinstance(two, bool):
        return one is two
    return one == two


def _type(value: str | list[str], instance: object, at: _Where) -> Verdict:
    return _any(_is_type(name, instance) for name in ([value] if isinstance(value, str) else value))


def _enum(value: list[object], instance: object, at: _Where) -> Verdict:
    return _any(_equal(instance, option) for option in value)


def _const(value: object, instance: object, at: _Where) -> Verdict:
    return _equal(instance, value)


def _min_length(value: int, instance: object, at: _Where) -> Verdict:
    return not isinstance(instance, str) or len(instance) >= value


def _minimum(value: float, instance: object, at: _Where) -> Verdict:
    if type(instance) not in (int, float):
        return True
    return not instance < value  # type: ignore[operator]  # as jsonschema: NaN passes


def _pattern(value: str, instance: object, at: _Where) -> Verdict:
    return not isinstance(instance, str) or re.search(value, instance) is not None


def _unique_items(value: bool, instance: object, at: _Where) -> Verdict:
    if not value or not isinstance(instance, list):
        return True
    if all(isinstance(item, str) for item in instance):
        return len(set(instance)) == len(instance)
    return None


def _items(value: Schema, instance: object, at: _Where) -> Verdict:
    if not isinstance(instance, list):
        return True
    return _all(holds(value, item, at.root) for item in instance)


def _properties(value: dict[str, Schema], instance: object, at: _Where) -> Verdict:
    if not isinstance(instance, dict):
        return True
    return _all(holds(value[key], instance[key], at.root) for key in value if key in instance)


def _additional_properties(value: Schema, instance: object, at: _Where) -> Verdict:
    """Only beside `properties` (or alone): `patternProperties` is not known here, so a schema
    that has it is left to jsonschema as a whole."""
    if not isinstance(instance, dict):
        return True
    known = at.schema.get("properties", {})
    return _all(holds(value, instance[key], at.root) for key in instance if key not in known)


def _required(value: list[str], instance: object, at: _Where) -> Verdict:
    return not isinstance(instance, dict) or all(key in instance for key in value)


def _property_names(value: Schema, instance: object, at: _Where) -> Verdict:
    if not isinstance(instance, dict):
        return True
    return _all(holds(value, key, at.root) for key in instance)


def _any_of(value: list[Schema], instance: object, at: _Where) -> Verdict:
    return _any(holds(branch, instance, at.root) for branch in value)


def _one_of(value: list[Schema], instance: object, at: _Where) -> Verdict:
    verdicts = [holds(branch, instance, at.root) for branch in value]
    if verdicts.count(True) > 1:
        return False
    return None if None in verdicts else True in verdicts


def _all_of(value: list[Schema], instance: object, at: _Where) -> Verdict:
    return _all(holds(branch, instance, at.root) for branch in value)


def _ref(value: str, instance: object, at: _Where) -> Verdict:
    prefix = "#/$defs/"
    defs = at.root.get("$defs", {}) if isinstance(at.root, dict) else {}
    name = value[len(prefix) :]
    if not value.startswith(prefix) or name not in defs:
        return None
    return holds(defs[name], instance, at.root)


_KEYWORDS: dict[str, Callable[[Any, object, _Where], Verdict]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "minLength": _min_length,
    "minimum": _minimum,
    "pattern": _pattern,
    "uniqueItems": _unique_items,
    "items": _items,
    "properties": _properties,
    "additionalProperties": _additional_properties,
    "required": _required,
    "propertyNames": _property_names,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "allOf": _all_of,
    "$ref": _ref,
}
