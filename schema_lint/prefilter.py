"""The byte prefilter: whether a file's bytes can hold anything of ours, before any decoding or
parsing. Most files hold nothing, and on real code a callee's last name (`track`, `capture`)
is everywhere (`router.track(`, `span.track(`, `{capture: true}`), so a hit is a name *with
its member chain*:

- `moesif.track` admits `moesif.track`, `moesif?.track`, `moesif!.track`, `window.moesif.track`
  and `moesif\\n  .track` (PHP `$moesif->track`, Ruby `moesif&.track`), never `router.track`;
- `*.updateUser` admits the name wherever it stands, a bare `updateUser` only where no member
  access comes before it;
- an SDK client's class or factory (`PostHog`, `Mixpanel.init`) admits the file: a receiver
  built by one matches whatever it is named;
- a payload needs both `action_name` and `metadata` as whole words;
- the metadata callback (`getMetadata`) is a whole word.

Whole words are ASCII identifier runs plus `$`, as the extractor's hit regex reads them. The
chain test reads backwards from the last name: the bytes before a hit, reversed, must start
with the reversed chain, so every file costs one substring search per distinct name and a few
anchored matches at its hits, never a regex over the whole file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from itertools import combinations

from schema_lint.model import PAYLOAD_KEY
from schema_lint.signatures import ANY_RECEIVER, Signature

METADATA_WORD = b"metadata"
QUOTED_PAYLOAD_KEY = b'"' + PAYLOAD_KEY.encode() + b'"'  # what a JSON payload holds
# bytes that continue an identifier; `[\w$]` in the extractor's bytes regex
NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
# member access in every grammar: `.`, `?.` (JS), `&.` (Ruby), `->`/`?->` (PHP), `::`; the
# last is left out where only an instance member counts (PHP's `Class::name` may be bare)
ACCESS_TOKENS = (b"?.", b"&.", b".", b"?->", b"->", b"::")
# blanks, newlines and Python's line continuations around an access
SPACE = rb"[ \t\r\n\f\\]*"


def access(tokens: tuple[bytes, ...] = ACCESS_TOKENS, reverse: bool = False) -> bytes:
    """A regex alternative of member-access tokens, written backwards for text read backwards."""
    return b"(?:" + b"|".join(re.escape(t[::-1] if reverse else t) for t in tokens) + b")"


# what stands between a receiver and its member, read backwards from the member: TS's `!` too
_REVERSED_ACCESS = SPACE + access(reverse=True) + SPACE + rb"!?" + SPACE
_QUOTES = (b'"', b"'", b"`")
_COMMENT_STARTS = (b"//", b"#", b"/*", b"* ", b"*\t", b"*/")
# reversed: the name is an instance member
_MEMBER = re.compile(SPACE + access(ACCESS_TOKENS[:-1], reverse=True))
WINDOW = 256  # bytes before a hit the chain may span: blanks and newlines included


def is_word(data: bytes, start: int, end: int, name_bytes: frozenset[int] = NAME_BYTES) -> bool:
    """Whether data[start:end] is not part of a longer identifier (of `name_bytes`)."""
    return (start == 0 or data[start - 1] not in name_bytes) and (
        end >= len(data) or data[end] not in name_bytes
    )


def find_word(
    data: bytes, word: bytes, start: int = 0, name_bytes: frozenset[int] = NAME_BYTES
) -> int:
    """Where `word` first occurs as a whole word from `start`, -1 when nowhere."""
    at = data.find(word, start)
    while at >= 0 and not is_word(data, at, at + len(word), name_bytes):
        at = data.find(word, at + 1)
    return at


def reversed_chain(receivers: Sequence[str]) -> bytes:
    """A regex of the receivers before a member name, each behind its member access, written
    backwards: matched against the reversed bytes before that name."""
    parts = [_REVERSED_ACCESS + re.escape(name.encode()[::-1]) for name in reversed(receivers)]
    return b"".join(parts)


def receiver_pattern(receivers: tuple[str, ...]) -> re.Pattern[bytes]:
    """The receivers of a callee, reversed and anchored: matched against the reversed bytes
    before its last name. A root's sigil (`$x`, `@x`) is allowed, as the extractors drop it."""
    return re.compile(reversed_chain(receivers) + rb"[$@]?(?![\w$])")


class Prefilter:
    """The prefilter of one language, built from everything that can make a call match: the
    callees of the signatures that apply to it, and their SDK clients' classes and factories
    (a receiver built by one matches whatever its name: `ph = new PostHog(key)`)."""

    def __init__(self, signatures: Iterable[Signature], words: Iterable[str] = ()) -> None:
        chains: dict[bytes, set[tuple[str, ...]]] = {}
        found_words = {word.encode() for word in words}
        for signature in signatures:
            receivers = signature.callee[:-1]
            if receivers[:1] == (ANY_RECEIVER,):
                found_words.add(signature.name.encode())  # `*.name`: any receiver, or none
            else:  # a bare `name` has no receivers: only a call that has none matches
                chains.setdefault(signature.name.encode(), set()).add(receivers)
            for client in signature.clients:
                *owner, name = client.split(".")
                if owner:
                    chains.setdefault(name.encode(), set()).add(tuple(owner))
                else:
                    found_words.add(name.encode())
        self.words = tuple(sorted(found_words))
        # every call holds each name of its chain: the longest is the rarest needle
        rare = {
            max((*chain, name.decode()), key=len).encode()
            for name in chains
            for chain in chains[name]
        }
        self.calls = {
            name: (
                () in found,
                [receiver_pattern(chain) for chain in sorted(found) if chain],
            )
            for name, found in sorted(chains.items())
            if name not in found_words
        }
        self.needles = tuple(sorted({*self.words, *rare, PAYLOAD_KEY.encode()}))
        # how far before a needle's occurrence the name holding it may start
        parts = {part.encode() for found in chains.values() for c in found for part in c}
        self.reach = max(map(len, (*found_words, *chains, *parts, PAYLOAD_KEY.encode())))

    def admits(self, data: bytes, start: int = 0) -> bool:
        """Whether `data` (from `start`) may hold a call, payload or callback of ours. A
        `start` past 0 must be at or before the first needle (see `needles`)."""
        if any(self._first(data, word, start) >= 0 for word in self.words):
            return True
        for name, (bare, patterns) in self.calls.items():
            at = self._first(data, name, start)
            while at >= 0:
                if _called(data, at, bare, patterns):
                    return True
                at = self._first(data, name, at + 1)
        return self._first(data, PAYLOAD_KEY.encode(), start) >= 0 and (
            self._first(data, METADATA_WORD, 0) >= 0
        )

    @staticmethod
    def _first(data: bytes, word: bytes, start: int) -> int:
        """Where `word` first occurs from `start` as a whole word outside a comment line."""
        at = find_word(data, word, start)
        while at >= 0 and commented(data, at):
            at = find_word(data, word, at + 1)
        return at


def _called(data: bytes, at: int, bare: bool, patterns: list[re.Pattern[bytes]]) -> bool:
    """Whether the name at `at` is called bare (`bare`: no member access before it) or on a
    receiver chain of `patterns` that does not start right after a quote
    (`"moesif.track(...)"` is a string, not a call)."""
    before = data[max(0, at - WINDOW) : at][::-1]
    if bare and _MEMBER.match(before) is None:
        return True
    for pattern in patterns:
        found = pattern.match(before)
        if found is not None and before[found.end() : found.end() + 1] not in _QUOTES:
            return True
    return False


def fewest_needles(names: Iterable[str], shortest: int = 8) -> tuple[bytes, ...]:
    """Substrings one of which every name holds, as few as greedily found: a name holding
    another is implied by it, and two names sharing `shortest` or more bytes (`Analytics`,
    `analytics`) are both implied by what they share; a shorter share would be a common
    fragment (`ction`, `update`). Every needle is a full pass over the bytes."""
    return _fewest(frozenset(names), shortest)


@functools.cache  # languages that share their names share the answer
def _fewest(names: frozenset[str], shortest: int) -> tuple[bytes, ...]:
    needles = {name.encode() for name in names}
    while True:
        needles = {n for n in needles if not any(o != n and o in n for o in needles)}
        best = b""
        for a, b in combinations(sorted(needles), 2):
            # what can be chosen is five bytes or more (`_tail`), and longer than the best
            in_a, in_b, size = longest_shared(a, b, max(len(best), 4))
            shared = a[in_a : in_a + size]
            if len(shared) > len(best) and (
                len(shared) >= shortest or _tail(a, b, in_a, in_b, shared)
            ):
                best = shared
        if not best:
            return tuple(sorted(needles))
        needles.add(best)


def longest_shared(a: bytes, b: bytes, longer_than: int = 0) -> tuple[int, int, int]:
    """Where in `a` and `b` their longest common block starts, and its size, as difflib's
    `find_longest_match` gives it (the earliest in `a`, then in `b`), when it is longer than
    `longer_than`; else (0, 0, 0). Each start in `a` is only tried for a block longer than
    the best so far: on names this short, a tenth of difflib's cost, paid on every cold run."""
    best_start, best_size = 0, longer_than
    for start in range(len(a)):
        size = best_size + 1
        while start + size <= len(a) and a[start : start + size] in b:
            size += 1
        if size - 1 > best_size:
            best_start, best_size = start, size - 1
    if best_size == longer_than:
        return 0, 0, 0
    return best_start, b.find(a[best_start : best_start + best_size]), best_size


def _tail(a: bytes, b: bytes, in_a: int, in_b: int, shared: bytes) -> bool:
    """Whether `shared` is one name but its first letter, which the other holds right before
    it in the other case (`moesif` and `MoesifAPIClient` share `oesif`): as rare as that
    name, unlike a common fragment of the same length; four letters or fewer are too short
    to tell (`track`, `Track`: `rack` is in `bracket`)."""
    if len(shared) < 5:
        return False
    for name, at, other, other_at in ((a, in_a, b, in_b), (b, in_b, a, in_a)):
        if at == 1 and len(shared) == len(name) - 1 and other_at >= 1:
            first, before = name[0], other[other_at - 1]
            if chr(first).isalpha() and chr(first).swapcase() == chr(before):
                return True
    return False


def commented(data: bytes, at: int) -> bool:
    """Whether the line holding `at` starts with a comment (`//`, `#`, `/*` or a block
    comment's `*`): no code of ours follows on it. Only the line's start is read: a comment
    after code, or inside a string, cannot be told from bytes alone."""
    line = max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1
    return data[line:at].lstrip(b" \t").startswith(_COMMENT_STARTS)
