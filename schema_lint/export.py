"""`export --format json-schema`: the lock as one JSON Schema (draft 2020-12) for a metadata
object of one namespace, for runtime validation with ajv or jsonschema.

It carries Moesif's rule that a key name has its locked type at any depth: one recursive
definition (`value`) applies the locked keys' types to every object, including objects inside
arrays, and rejects any key containing a dot. Keys not in the lock may hold anything. `null`
is allowed wherever a type is locked: it never locks nor conflicts with a type.

An array's locked element type applies to each element; `validate` reports an array mixing
element types as SL004 instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from schema_lint import extends, lockfile
from schema_lint import typing_ as T
from schema_lint.settings import Settings

DRAFT = "https://json-schema.org/draft/2020-12/schema"
VALUE = "#/$defs/value"
_JSON_TYPES = {
    T.STRING: "string",
    T.NUMBER: "number",
    T.INTEGER: "integer",
    T.FLOAT: "number",
    T.BOOLEAN: "boolean",
    T.OBJECT: "object",
}


def export(settings: Settings, namespace: str, offline: bool) -> tuple[str, tuple[str, ...]]:
    """The schema text for the local and extended locks, and notes about the extended ones."""
    from schema_lint.engine import Options, lockfile_display

    display = lockfile_display(settings)
    local = lockfile.load(settings.lockfile, display)
    lock, _, notes = extends.apply(settings, local, display, Options(offline=offline))
    return dumps(json_schema(lock.types.get(namespace, {}), namespace, display)), notes


def json_schema(keys: Mapping[str, str], namespace: str, lockfile: str) -> dict[str, Any]:
    properties = {key: {"$ref": VALUE, **type_schema(type_)} for key, type_ in sorted(keys.items())}
    return {
        "$schema": DRAFT,
        "title": f"{namespace} metadata",
        "description": (
            f"Metadata of the {namespace} namespace as {lockfile} locks it: a key keeps its "
            "locked type at any depth, no key contains a dot, other keys are free."
        ),
        "type": "object",
        "$ref": VALUE,
        "$defs": {
            "value": {
                "propertyNames": {"pattern": "^[^.]*$"},
                "properties": properties,
                "additionalProperties": {"$ref": VALUE},
                "items": {"$ref": VALUE},
            }
        },
    }


def type_schema(type_: str) -> dict[str, Any]:
    """The values compatible with a locked type (null included)."""
    if T.is_array(type_):
        element = T.element_of(type_)
        items = {} if element == T.UNKNOWN else {"items": type_schema(element)}
        return {"type": ["array", "null"], **items}
    schema: dict[str, Any] = {"type": [_JSON_TYPES[type_], "null"]}
    if type_ == T.FLOAT:
        schema["not"] = {"type": "integer"}
    return schema


def dumps(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
