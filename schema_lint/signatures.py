"""The call-signature DSL.

`"moesif.track(EVENT, METADATA)"`: the callee is matched against the end of a call's member
chain; `"track(...)"` (one name, no receiver) matches only a bare call `track(...)`, and
`"*.track(...)"` a call of `track` on any receiver, or on none. Each argument is a role
(`EVENT`, `METADATA`), a placeholder (`_` or a parameter name, which Python calls may also pass
by keyword), a keyword binding (`properties=METADATA`), an object pattern (`{metadata:
METADATA}`: the argument is an object literal whose property holds the role) or an array of
one object pattern (`[{metadata: METADATA}]`: every object of an array literal is one call's
worth). A `*` argument, as in Python, makes the arguments after it keyword-only.

A call that several signatures match is extracted once, by the most specific one: see
`Signature.specificity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema_lint.languages import FAMILIES

ROLES = ("EVENT", "METADATA")
LANGUAGES = FAMILIES  # the config's `language:` values
ANY_RECEIVER = "*"

_CALL = re.compile(r"^\s*((?:\*\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\((.*)\)\s*$", re.S)
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


class SignatureError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Param:
    role: str | None = None
    keyword: str | None = None
    props: tuple[tuple[str, str], ...] = ()
    keyword_only: bool = False
    each: bool = False  # an array literal whose every element is an object matching `props`


@dataclass(frozen=True, slots=True)
class Signature:
    """One call form. `clients` names the SDK's client classes and factories (`PostHog`,
    `Mixpanel.init`): a receiver built by one of them matches whatever it is called.
    `owner` is set on discovered method wrappers: the class whose instances are receivers."""

    text: str
    callee: tuple[str, ...]
    params: tuple[Param, ...]
    namespace: str = "events"
    language: str | None = None
    clients: tuple[str, ...] = ()
    owner: str | None = None

    def __hash__(self) -> int:
        # the text determines callee and parameters; strings cache their hash, and the
        # prefilter's cache hashes every signature of a run once per scanned file
        return hash((self.text, self.namespace, self.language, self.owner))

    @property
    def name(self) -> str:
        """The last callee segment."""
        return self.callee[-1]

    @property
    def hit(self) -> str:
        """Where extraction starts: a method name only right after a dot (`.group` is rare
        where `group` is common), a name that may be called bare on its own."""
        return self.name if self.bare or self.any_receiver else f".{self.name}"

    @property
    def needle(self) -> str:
        """What the byte prefilter looks for: the hit, or the last two callee names when the
        callee has three or more (`people.set`): no SDK client stands for `mixpanel.people`,
        so that text is in every matching call."""
        if len(self.callee) >= 3 and not self.any_receiver:
            return ".".join(self.callee[-2:])
        return self.hit

    @property
    def any_receiver(self) -> bool:
        return self.callee[0] == ANY_RECEIVER

    @property
    def bare(self) -> bool:
        """A single name without `*.`: only a call with no receiver matches."""
        return len(self.callee) == 1

    def specificity(self, roles: int, resolved: bool) -> tuple[int, ...]:
        """Rank of a match, higher wins: metadata that is an object literal, then more roles
        bound, then more callee names written (`*` counts none), then more arguments that
        are keywords or object patterns."""
        named = len(self.callee) - (1 if self.any_receiver else 0)
        shaped = sum(1 for p in self.params if p.props or (p.keyword and p.role))
        return (int(resolved), roles, named, shaped)


def _split_args(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    tail = "".join(current).strip()
    if tail or parts:
        parts.append(tail)
    return parts


def _parse_role(text: str, where: str) -> str | None:
    if text in ROLES:
        return text
    if text == "_" or _NAME.match(text):
        return None
    raise SignatureError(f"{where}: expected EVENT, METADATA, _ or a name, got {text!r}")


def _parse_pattern(text: str) -> tuple[tuple[str, str], ...]:
    if not text.endswith("}"):
        raise SignatureError(f"unclosed object pattern {text!r}")
    props = []
    for item in _split_args(text[1:-1]):
        key, sep, role = (part.strip() for part in item.partition(":"))
        if not sep or not _NAME.match(key) or role not in ROLES:
            raise SignatureError(
                f"object pattern entries look like 'metadata: METADATA', got {item!r}"
            )
        props.append((key, role))
    return tuple(props)


def _parse_param(text: str, keyword_only: bool) -> Param:
    if text.startswith("["):
        inner = text[1:-1].strip() if text.endswith("]") else ""
        if not inner.startswith("{"):
            raise SignatureError(
                f"array patterns look like '[{{metadata: METADATA}}]', got {text!r}"
            )
        return Param(props=_parse_pattern(inner), each=True)
    if text.startswith("{"):
        return Param(props=_parse_pattern(text))
    keyword, sep, role = (part.strip() for part in text.partition("="))
    if sep:
        if not _NAME.match(keyword):
            raise SignatureError(f"bad keyword {keyword!r}")
        return Param(_parse_role(role, keyword), keyword, keyword_only=keyword_only)
    if keyword_only:
        raise SignatureError(f"arguments after '*' look like 'name=ROLE', got {text!r}")
    role_ = _parse_role(text, "argument")
    named = role_ is None and text != "_"
    return Param(role=role_, keyword=text if named else None)


def _parse_params(args: list[str]) -> tuple[Param, ...]:
    params: list[Param] = []
    keyword_only = False
    for arg in args:
        if arg == "*":
            if keyword_only:
                raise SignatureError("'*' is given twice")
            keyword_only = True
            continue
        params.append(_parse_param(arg, keyword_only))
    return tuple(params)


def parse(
    text: str,
    namespace: str = "events",
    language: str | None = None,
    clients: tuple[str, ...] = (),
) -> Signature:
    """Parse one signature; raises SignatureError with a message fit for a config error."""
    match = _CALL.match(text)
    if not match:
        raise SignatureError(
            f"not a call signature: {text!r} (expected e.g. 'moesif.track(EVENT, METADATA)'"
            " or '*.track(EVENT, METADATA)' for any receiver)"
        )
    params = _parse_params(_split_args(match.group(2)))
    roles = [p.role for p in params] + [r for p in params for _, r in p.props]
    if "METADATA" not in roles:
        raise SignatureError(f"{text!r} names no METADATA argument")
    if roles.count("METADATA") > 1 or roles.count("EVENT") > 1:
        raise SignatureError(f"{text!r} names a role twice")
    callee = tuple(match.group(1).split("."))
    return Signature(text, callee, params, namespace, language, clients)
