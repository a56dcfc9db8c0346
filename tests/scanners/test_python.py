"""Python: values typed through what the same file declares."""

from __future__ import annotations

import ast
import time
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.scanners.code import python_string
from schema_lint.signatures import parse
from tests.scanners.typing_table import value_type

CALLS = ("analytics.track(_, EVENT, METADATA)",)
DECLARATIONS = """\
import enum
from dataclasses import dataclass
from enum import Enum, IntEnum, StrEnum
from typing import Any, Literal, NamedTuple, Optional, TypedDict, Union

import attr
from pydantic import BaseModel

PLAN = "pro"
Tier = Literal["gold", "silver"]


@dataclass
class User:
    plan: str
    seats: Optional[int] = None
    tags: list[str] | None = None
    tier: Tier = "gold"
    mixed: Union[str, int] = 1
    extra: Any = None


@dataclass
class Admin(User):
    level: float = 1.0


class Props(TypedDict):
    source: str
    count: int | None


class Point(NamedTuple):
    x: float


class Model(BaseModel):
    name: "str"
    role: Literal["admin", "member"]


@attr.s(auto_attribs=True)
class Flags:
    beta: bool


class Plan(str, Enum):
    FREE = "free"
    PRO = "pro"


class Color(enum.Enum):
    RED = 1


class Kind(StrEnum):
    A = "a"


class Size(IntEnum):
    S = 1


def label() -> str:
    return "x"


def send(
    user: User,
    admin: Admin,
    props: Props,
    point: Point,
    model: Model,
    flags: Flags,
    plan: Plan,
    color: Optional[Color],
    maybe: str | None,
    untyped,
):
    built = User(plan="x")
    from_call = label()
"""
ROWS = [
    ("user.plan", "string"),
    ("user.seats", "integer"),
    ("user.tags", "array<string>"),
    ("user.tier", "string"),
    ("admin.plan", "string"),
    ("admin.level", "float"),
    ("props['source']", "string"),
    ("props['count']", "integer"),
    ("props", "object"),
    ("point.x", "float"),
    ("model.name", "string"),
    ("model.role", "string"),
    ("flags.beta", "boolean"),
    ("plan", "string"),
    ("plan.value", "string"),
    ("Plan.PRO", "string"),
    ("Plan.PRO.value", "string"),
    ("Plan.PRO.name", "string"),
    ("Plan('pro')", "string"),
    ("Kind.A", "string"),
    ("Size.S", "integer"),
    ("Color.RED.value", "integer"),
    ("color.value", "integer"),
    ("maybe", "string"),
    ("maybe or 'none'", "string"),
    ("'a' if maybe else plan", "string"),
    ("built.plan", "string"),
    ("from_call", "string"),
    ("label()", "string"),
    ("PLAN", "string"),
    # stay unknown: a plain Enum member cannot be encoded by json.dumps
    ("Color.RED", "unknown"),
    ("color", "unknown"),
    ("user.mixed", "unknown"),
    ("user.extra", "unknown"),
    ("user.missing", "unknown"),
    ("user", "unknown"),
    ("untyped.plan", "unknown"),
    ("props[key]", "unknown"),
    ("other.plan", "unknown"),
    ("1 if maybe else 'a'", "unknown"),
]


@pytest.mark.parametrize(("expression", "expected"), ROWS)
def test_typing_table(expression: str, expected: str) -> None:
    source = f"{DECLARATIONS}    analytics.track(uid, 'E', {{'v': {expression}}})\n"
    assert value_type("python", "a.py", source, CALLS) == expected


@pytest.mark.parametrize(
    "declarations",
    [
        pytest.param("class A(B):\n    pass\nclass B(A):\n    pass\np: A = x\n", id="base-cycle"),
        pytest.param("X = Y\nY = X\np: X = x\n", id="alias-cycle"),
        pytest.param("p = {'y': q.y}\nq = {'y': p.y}\n", id="member-cycle"),
        pytest.param(
            "p: " + " | ".join(f"Literal['v{i}']" for i in range(3000)) + " | int = x\n",
            id="wide-union",
        ),
        pytest.param(
            "".join(f"p{i} = p{i + 1}.y\n" for i in range(3000)) + "p = p0\n", id="long-chain"
        ),
    ],
)
def test_hostile_declarations_end_as_unknown(declarations: str) -> None:
    """Cycles, wide unions and long chains of declarations end quickly, without a finding."""
    source = declarations + "analytics.track(uid, 'E', {'v': p.y, 'w': p.y.y.y})\n"
    ctx = ScanContext(tuple(parse(call) for call in CALLS))
    start = time.monotonic()
    scan = scan_file("a.py", "python", source.encode(), ctx, example=False)
    assert time.monotonic() - start < 5
    assert scan.problems == ()
    (occurrence,) = scan.occurrences
    assert {e.value.type for e in occurrence.metadata.entries} == {"unknown"}


def _evaluated(text: str) -> str | None:
    """What Python itself makes of a string literal (the slow path, on every input)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            literal = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return literal if isinstance(literal, str) else None


_PIECES = ["a", "é", " ", "'", '"', "\\", "n", "\n", "\0", "\t", "x", "{", "'" * 3]
_BODY = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)
_QUOTE = st.sampled_from(["'", '"', "r'", "b'", "f'", "'" * 3, ""])


@given(st.tuples(_QUOTE, _BODY, _QUOTE).map("".join))
def test_string_literals_read_as_python_reads_them(text: str) -> None:
    assert python_string(text) == _evaluated(text)
