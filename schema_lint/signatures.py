"""The call-signature DSL and the SDK presets.

`"moesif.track(EVENT, METADATA)"`: the callee is matched against the end of a call's member
chain; each argument is a role (`EVENT`, `METADATA`), a placeholder (`_` or a parameter name,
which Python calls may also pass by keyword), a keyword binding (`properties=METADATA`) or an
object pattern (`{metadata: METADATA}`: the argument is an object literal whose property
holds the role).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema_lint.languages import FAMILIES

ROLES = ("EVENT", "METADATA")
LANGUAGES = FAMILIES  # the config's `language:` values

_CALL = re.compile(r"^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\((.*)\)\s*$", re.S)
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


class SignatureError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Param:
    role: str | None = None
    keyword: str | None = None
    props: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Signature:
    text: str
    callee: tuple[str, ...]
    params: tuple[Param, ...]
    namespace: str = "events"
    language: str | None = None

    @property
    def name(self) -> str:
        """The last callee segment: what the byte prefilter looks for."""
        return self.callee[-1]


def _split_args(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
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


def _parse_param(text: str) -> Param:
    if text.startswith("{"):
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
        return Param(props=tuple(props))
    keyword, sep, role = (part.strip() for part in text.partition("="))
    if sep:
        if not _NAME.match(keyword):
            raise SignatureError(f"bad keyword {keyword!r}")
        return Param(role=_parse_role(role, keyword), keyword=keyword)
    role_ = _parse_role(text, "argument")
    named = role_ is None and text != "_"
    return Param(role=role_, keyword=text if named else None)


def parse(text: str, namespace: str = "events", language: str | None = None) -> Signature:
    """Parse one signature; raises SignatureError with a message fit for a config error."""
    match = _CALL.match(text)
    if not match:
        raise SignatureError(
            f"not a call signature: {text!r} (expected e.g. 'moesif.track(EVENT, METADATA)')"
        )
    params = tuple(_parse_param(arg) for arg in _split_args(match.group(2)))
    roles = [p.role for p in params] + [r for p in params for _, r in p.props]
    if "METADATA" not in roles:
        raise SignatureError(f"{text!r} names no METADATA argument")
    if roles.count("METADATA") > 1 or roles.count("EVENT") > 1:
        raise SignatureError(f"{text!r} names a role twice")
    return Signature(text, tuple(match.group(1).split(".")), params, namespace, language)


def _js(text: str, namespace: str = "events") -> Signature:
    return parse(text, namespace, "js")


def _py(text: str, namespace: str = "events") -> Signature:
    return parse(text, namespace, "python")


PRESETS: dict[str, tuple[Signature, ...]] = {
    "moesif": (
        _js("moesif.track(EVENT, METADATA)"),
        _js("moesif.track({metadata: METADATA})"),
        _js("moesif.identifyUser(_, METADATA)", "users"),
        _js("updateUser({metadata: METADATA})", "users"),
        _js("moesif.identifyCompany(_, METADATA)", "companies"),
        _js("updateCompany({metadata: METADATA})", "companies"),
    ),
    "segment": (
        _js("analytics.track(EVENT, METADATA)"),
        _py("analytics.track(user_id, event=EVENT, properties=METADATA)"),
    ),
    "mixpanel": (
        _js("mixpanel.track(EVENT, METADATA)"),
        _py("mp.track(distinct_id, event_name=EVENT, properties=METADATA)"),
        _py("mixpanel.track(distinct_id, event_name=EVENT, properties=METADATA)"),
    ),
    "amplitude": (
        _js("amplitude.track(EVENT, METADATA)"),
        _js("amplitude.logEvent(EVENT, METADATA)"),
        _py("BaseEvent(event_type=EVENT, user_id=_, event_properties=METADATA)"),
    ),
    "posthog": (
        _js("posthog.capture(EVENT, METADATA)"),
        _py("posthog.capture(distinct_id, event=EVENT, properties=METADATA)"),
    ),
    "rudderstack": (
        _js("rudderanalytics.track(EVENT, METADATA)"),
        _py("rudder_analytics.track(user_id, event=EVENT, properties=METADATA)"),
    ),
}
