"""Syntax errors that can touch metadata, and only those, become SL006.

Grammars reject some valid code (tree-sitter-typescript rejects about 1.5% of real TS files:
`f<typeof import('./x')>()`, tagged templates with type arguments, a bare `&` in JSX text),
and their error recovery keeps the rest of the tree usable. So an ERROR or MISSING node is a
finding only where it can hide or corrupt metadata: where it overlaps or contains a prefilter
hit (a possible call, payload or callback), a call matched by a signature, or the metadata
that call sends. Everywhere else extraction goes on from the recovered tree, silently.

The error nodes are collected once per file, and only when the tree has any; each hit is then
tested by byte ranges, never by walking the tree again.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice
from typing import NamedTuple, Protocol

from tree_sitter import Node

from schema_lint.model import PAYLOAD_KEY, Problem, Span
from schema_lint.scanners.source import Source
from schema_lint.signatures import Signature


class _Members(Protocol):
    @property
    def member(self) -> str: ...
    @property
    def member_field(self) -> str: ...


class Extractor(Protocol):
    """What the check reads of the extractor that asks it (`code.Extractor`): declared here,
    so that this module, which the extractor imports, does not import it back."""

    source: Source
    callback_name: str | None

    @property
    def grammar(self) -> _Members: ...
    def span(self, node: Node, collapse: bool = False) -> Span: ...
    def call_of(self, name_node: Node) -> Node | None: ...
    def chain(self, node: Node | None) -> list[str]: ...
    def callee_chain(self, call: Node) -> list[str]: ...
    def receiver(self, call: Node) -> Node | None: ...
    def callee_matches(
        self, signature: Signature, chain: list[str], receiver: Node | None
    ) -> bool: ...
    def arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]: ...
    def bind(
        self, signature: Signature, positional: list[Node], keywords: dict[str, Node]
    ) -> list[dict[str, Node]]: ...
    def resolve_object(self, node: Node) -> Node: ...
    def object_of_key(self, name_node: Node, key: str) -> Node | None: ...
    def callback_function(self, name_node: Node) -> Node | None: ...


def is_comment(node: Node) -> bool:
    """Comments are named nodes: `comment`, or `line_comment` and `block_comment` in Java."""
    return node.type.endswith("comment")


MAX_TOKEN = 40  # characters of an unexpected token quoted in a message
_SKIPPED = b" \t\r\n'\"`"  # between a name and the token that shows whether it is called
_AT_END = re.compile(rb"\s*\Z")
_TEXT = frozenset(("string_fragment", "string_content", "jsx_text"))  # prose, not calls


class Target(NamedTuple):
    """What a hit may be: how a message calls it, where it points, the bytes it spans."""

    what: str
    span: Span
    ranges: tuple[tuple[int, int], ...]


class SyntaxErrors:
    """The outermost ERROR and MISSING nodes of one tree, in file order.

    Two such nodes never nest, so their ends ascend with their starts and one bisection finds
    the errors near a range. Only subtrees that hold an error are entered (a loop, not
    recursion: trees nest thousands of levels deep).
    """

    def __init__(self, root: Node) -> None:
        self.nodes: list[Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            if node.type == "ERROR" or node.is_missing:
                self.nodes.append(node)
                continue
            flagged = [child for child in node.children if child.has_error]
            if not flagged:
                self.nodes.append(node)  # an error the grammar gives no node of its own
            stack.extend(reversed(flagged))
        self.ends = [node.end_byte for node in self.nodes]
        self.reasons: dict[int, tuple[str, int]] = {}  # by id: hits may share one huge error

    def touching(self, start: int, end: int) -> Node | None:
        """The first error overlapping bytes [start, end). A MISSING token is zero-width: at
        `end` it counts only when it belongs inside the range (a call's missing `)`, not the
        `;` missing after it)."""
        for node in islice(self.nodes, bisect_left(self.ends, start), None):
            at = node.start_byte
            if at > end:
                break
            if node.end_byte > at:
                if at < end and node.end_byte > start:
                    return node
            elif start <= at < end or (at == end and _within(node.parent, start, end)):
                return node
        return None


def _within(node: Node | None, start: int, end: int) -> bool:
    return node is not None and start <= node.start_byte and node.end_byte <= end


def problem(
    ex: Extractor,
    errors: SyntaxErrors,
    hit: tuple[int, int],
    node: Node,
    name: str,
    signatures: list[Signature],
) -> Problem | None:
    """The finding for one prefilter hit, when a syntax error touches what it may be."""
    for target in targets(ex, hit, node, name, signatures):
        for start, end in target.ranges:
            error = errors.touching(start, end)
            if error is not None:
                found = errors.reasons.get(error.id)
                if found is None:
                    found = errors.reasons[error.id] = reason(ex, error)
                said, line = found
                if line != target.span.line:
                    said = f"{said} on line {line}"
                return Problem(f"cannot read {target.what}: {said}", target.span)
    return None


def targets(
    ex: Extractor, hit: tuple[int, int], node: Node, name: str, signatures: list[Signature]
) -> list[Target]:
    """What the hit may belong to; nothing for a comment or a call of something else."""
    if is_comment(node):
        return []
    found: list[Target] = []
    if name == PAYLOAD_KEY:
        obj = ex.object_of_key(node, PAYLOAD_KEY)
        what = f"this `{PAYLOAD_KEY}` payload"
        if obj is None:
            found.append(_bare(ex, hit, what))
        else:
            found.append(Target(what, ex.span(obj, collapse=True), (_range(obj),)))
    if name == ex.callback_name:
        function = ex.callback_function(node)
        if function is None:
            found.append(_bare(ex, hit, f"this possible `{name}` callback"))
        else:
            what = f"the metadata returned by this `{name}` callback"
            found.append(Target(what, ex.source.span_at(*hit), (hit, _range(function))))
    if signatures:
        found.extend(_call(ex, hit, node, signatures))
    return found


def _call(
    ex: Extractor, hit: tuple[int, int], node: Node, signatures: list[Signature]
) -> list[Target]:
    call = ex.call_of(node)
    if call is None:
        if node.type in _TEXT:
            return []  # a word in a string or JSX text: calls are not written there
        member = _member(ex, node)
        if member is None:
            what = f"this possible `{ex.source.data[hit[0] : hit[1]].decode()}` call"
            return [_bare(ex, hit, what)]
        what = f"this possible `{_shown('.'.join(ex.chain(member)))}` call"
        return [_bare(ex, (member.start_byte, hit[1]), what)]
    chain = ex.callee_chain(call)
    receiver = ex.receiver(call)
    matched = [s for s in signatures if chain and ex.callee_matches(s, chain, receiver)]
    if not matched:
        return []
    ranges = [_range(call)]
    positional, keywords = ex.arguments(call)
    for signature in matched:
        for bound in ex.bind(signature, positional, keywords):
            metadata = bound.get("METADATA")
            if metadata is not None:
                ranges.append(_range(ex.resolve_object(metadata)))  # may be declared elsewhere
    function = call.child_by_field_name("function") or call
    span = ex.source.span(call.start_point, function.end_point)
    return [Target(f"the metadata of this `{_shown('.'.join(chain))}` call", span, tuple(ranges))]


def _member(ex: Extractor, node: Node) -> Node | None:
    """The member chain a name ends (`window.moesif.track` for `track`), if it ends one."""
    parent = node.parent
    if parent is not None and parent.type == ex.grammar.member:
        member = parent.child_by_field_name(ex.grammar.member_field)
        if member is not None and member.id == node.id:
            return parent
    return None


def _bare(ex: Extractor, hit: tuple[int, int], what: str) -> Target:
    """A hit with nothing recognisable around it: its bytes and the token after them (a
    broken call's `(`) are what a syntax error may touch."""
    start, end = hit
    data = ex.source.data
    after = end
    while after < len(data) and data[after] in _SKIPPED:
        after += 1
    return Target(what, ex.source.span_at(start, end), ((start, after + 1),))


def _range(node: Node) -> tuple[int, int]:
    return node.start_byte, node.end_byte


def reason(ex: Extractor, error: Node) -> tuple[str, int]:
    """`unexpected `x`` (the first text the parser could not place) or `missing `)``, and the
    line where that is."""
    node = error
    while not node.is_missing:  # the innermost first error: where the parser gave up first
        inner = next((child for child in node.children if child.has_error), None)
        if inner is None:
            break
        node = inner
    line = ex.span(node, collapse=True).line
    if node.is_missing:
        return f"missing {node.type if node.is_named else _quoted(node.type)}", line
    if _AT_END.match(ex.source.data, node.end_byte):  # something opened is never closed
        return f"unexpected end of {'the code block' if ex.source.line_offset else 'file'}", line
    head = ex.source.data[node.start_byte : min(node.end_byte, node.start_byte + 200)]
    text = " ".join(head.split(b"\n")[0].decode("utf-8", "replace").split())
    return (f"unexpected {_quoted(_shown(text))}" if text else "syntax error"), line


def _shown(text: str) -> str:
    return text if len(text) <= MAX_TOKEN else text[: MAX_TOKEN - 3] + "..."


def _quoted(text: str) -> str:
    """In backticks; in doubled ones, spaced, when the text holds a backtick (Markdown)."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"
