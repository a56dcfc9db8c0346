"""Metadata types as plain strings, and how they combine.

A type is `string`, `number`, `integer`, `float`, `boolean`, `object`, `null`, `unknown` or
`array<T>`. Scanners type number literals as `integer` or `float`; under the default
`numbers: json` setting both become `number` (JSON has one number type).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

STRING = "string"
NUMBER = "number"
INTEGER = "integer"
FLOAT = "float"
BOOLEAN = "boolean"
OBJECT = "object"
NULL = "null"
UNKNOWN = "unknown"
ARRAY_UNKNOWN = "array<unknown>"

_NUMERIC = frozenset((NUMBER, INTEGER, FLOAT))
_SPLIT = re.compile(r"\b(?:integer|float)\b")


def array_of(element: str) -> str:
    return f"array<{element}>"


def is_array(type_: str) -> bool:
    return type_.startswith("array<")


def element_of(type_: str) -> str:
    return type_[6:-1]


_UNKNOWNS = frozenset((NULL, UNKNOWN))


def is_known(type_: str) -> bool:
    """`null` and `unknown` never lock a type and never conflict with one."""
    return type_ not in _UNKNOWNS


@functools.lru_cache(maxsize=1024)  # pure, and called for every key of every run
def normalize(type_: str, numbers: str) -> str:
    """Fold `integer`/`float` into `number` unless the project distinguishes them."""
    return type_ if numbers == "split" else _SPLIT.sub(NUMBER, type_)


def merge(a: str, b: str) -> str | None:
    """The more specific of two compatible types, or None when they conflict."""
    depth = 0
    while is_array(a) and is_array(b):  # a loop: a lockfile may hold absurdly nested arrays
        a, b, depth = element_of(a), element_of(b), depth + 1
    merged = _merge_element(a, b)
    return None if merged is None else "array<" * depth + merged + ">" * depth


def _merge_element(a: str, b: str) -> str | None:
    if not is_known(a) and not is_known(b):
        return a if a == b else UNKNOWN  # null with unknown says nothing, in either order
    if not is_known(a):
        return b
    if not is_known(b) or a == b:
        return a
    if a in _NUMERIC and b in _NUMERIC:
        if NUMBER in (a, b):
            return b if a == NUMBER else a
        return None
    return None


def compatible(a: str, b: str) -> bool:
    return merge(a, b) is not None


def common_element(types: Iterable[str]) -> tuple[str, bool]:
    """The element type of an array and whether its known elements disagree (a mixed array).

    Nulls and unknowns are left out; a mix of integers and floats is `number`, not mixed.
    """
    common = UNKNOWN
    mixed = widened = False
    for type_ in types:
        merged = merge(common, type_)
        if merged is None:
            # integers and floats meet as `number`, also inside nested arrays; and stay
            # `number`: a later integer must not narrow it back
            merged = merge(normalize(common, "json"), normalize(type_, "json"))
            widened = widened or merged is not None
        if merged is None:
            mixed = True
            continue
        common = merged
    if mixed:
        return UNKNOWN, True
    if widened:
        common = normalize(common, "json")
    return (UNKNOWN if common == NULL else common), False


_TYPE = re.compile(r"^(?:array<)*(?:string|number|integer|float|boolean|object|unknown)>*$")


def is_valid(type_: str) -> bool:
    """Whether a string is a well-formed lockable type (used to check lockfiles)."""
    if not _TYPE.match(type_):
        return False
    depth = type_.count("array<")
    return (
        type_.endswith(">" * depth) and not type_.endswith(">" * (depth + 1)) and (type_ != UNKNOWN)
    )


def agreed(types: Iterable[str]) -> str:
    """The type of an expression that is one of several (`a ?? b`, `x if c else y`, a union).

    Nulls are left out (they never lock a type); numbers of different kinds meet as `number`;
    anything else that disagrees is `unknown`.
    """
    found = {type_ for type_ in types if type_ != NULL}
    if not found:
        return NULL
    if len(found) == 1:
        return found.pop()
    return NUMBER if found <= _NUMERIC else UNKNOWN
