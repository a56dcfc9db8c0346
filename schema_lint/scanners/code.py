"""The one mechanism for code in every language: prefilter hits -> nodes -> metadata.

No visitor walks the whole tree: a bytes regex built from the configured callee names finds
the few places worth looking at, and each hit is mapped to its syntax node with
`descendant_for_byte_range`. From there a language's `Extractor` subclass climbs to the call,
payload object or callback the name belongs to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from tree_sitter import Node, Tree

from schema_lint import typing_ as T
from schema_lint.limits import DEPTH_MESSAGE, MAX_DEPTH
from schema_lint.model import PAYLOAD_KEY, Entry, Occurrence, Problem, Span, Value
from schema_lint.scanners.source import Source
from schema_lint.scanners.syntax import SyntaxErrors, problem
from schema_lint.signatures import Signature
from schema_lint.strings import SURROGATE

MAX_VALUES = 50_000  # per file, plus one per byte: see `over_limit`
SIZE_MESSAGE = "metadata too large to check (references expand it too much); the rest is skipped"
_NAME_CHARS = rb"[\w$]"
_TOKEN = re.compile(rb"[\w$\x80-\xff]+")  # identifier-like runs, non-ASCII letters included


@lru_cache(maxsize=32)
def hit_pattern(names: tuple[str, ...]) -> re.Pattern[bytes]:
    """A regex matching any of `names` as a whole word (identifiers may contain `$`)."""
    alternatives = b"|".join(
        re.escape(n.encode()) for n in sorted(set(names), key=len, reverse=True)
    )
    return re.compile(
        rb"(?<!" + _NAME_CHARS + rb")(?:" + alternatives + rb")(?!" + _NAME_CHARS + rb")"
    )


def first_expression(node: Node) -> Node | None:
    """The first named child that is not a comment: comments are named nodes and may sit
    anywhere, as in `( /* why */ x)` or `[/* key */ 'a.b']: 1`."""
    return next((c for c in node.named_children if c.type != "comment"), None)


def well_formed(text: str) -> str:
    """Join escaped surrogate pairs (`\\ud83d\\ude00` is one emoji); a lone surrogate cannot
    be encoded for output, so it becomes U+FFFD."""
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class Extractor:
    """Shared driver; subclasses know their grammar's node types."""

    language: ClassVar[str]
    callback_name: ClassVar[str]
    # grammar names: a call node, a member access node, the member's name field, chain roots
    call_type_name: ClassVar[str]
    member_type: ClassVar[str]
    member_field: ClassVar[str]
    chain_roots: ClassVar[frozenset[str]]

    def __init__(self, source: Source, tree: Tree, signatures: tuple[Signature, ...]) -> None:
        self.source = source
        self.tree = tree
        self.signatures = [s for s in signatures if s.language in (None, self.language)]
        self.problems: list[Problem] = []
        self._tokens: dict[bytes, list[int]] | None = None
        self._declarations: dict[str, tuple[list[Node], list[int]]] = {}
        self._resolving: set[int] = set()
        self._bound = 0  # > 0 while typing a value reached through a name, not written in place
        self._budget = MAX_VALUES + len(source.data)
        self._top: Node | None = None
        self._reported: set[Span] = set()  # where syntax errors were reported

    # -- driver ---------------------------------------------------------------------------

    def names(self) -> tuple[str, ...]:
        return (*(s.name for s in self.signatures), PAYLOAD_KEY, self.callback_name)

    def run(self) -> list[Occurrence]:
        by_name: dict[str, list[Signature]] = {}
        for signature in self.signatures:
            by_name.setdefault(signature.name, []).append(signature)
        found: dict[tuple[str, Span], Occurrence] = {}
        root = self.tree.root_node
        errors = SyntaxErrors(root) if root.has_error else None
        for match in hit_pattern(self.names()).finditer(self.source.data):
            node = root.descendant_for_byte_range(match.start(), match.end())
            if node is None:
                continue
            name = match.group().decode()
            if errors is not None:
                self.syntax_error(errors, match.span(), node, name, by_name.get(name, []))
            occurrences: list[Occurrence] = []
            if name == PAYLOAD_KEY:
                occurrences.extend(self.payload(node))
            if name == self.callback_name:
                occurrences.extend(self.callback(node))
            if name in by_name:
                occurrences.extend(self.calls(node, by_name[name]))
            for occurrence in occurrences:
                found.setdefault((occurrence.namespace, occurrence.metadata.span), occurrence)
        return list(found.values())

    def calls(self, name_node: Node, signatures: list[Signature]) -> Iterator[Occurrence]:
        call = self.call_of(name_node)
        if call is None:
            return
        chain = self.callee_chain(call)
        positional, keywords = self.arguments(call)
        for signature in signatures:
            if tuple(chain[-len(signature.callee) :]) != signature.callee:
                continue
            bound = self.bind(signature, positional, keywords)
            metadata_node = bound.get("METADATA")
            if metadata_node is None:
                continue
            metadata = self.metadata_value(call, metadata_node)
            if metadata is None or metadata.type != T.OBJECT:
                continue
            event_node = bound.get("EVENT")
            action = None if event_node is None else self.string_value(event_node)
            action_span = None if action is None or event_node is None else self.span(event_node)
            yield Occurrence(signature.namespace, metadata, action, action_span)

    def bind(
        self, signature: Signature, positional: list[Node], keywords: dict[str, Node]
    ) -> dict[str, Node]:
        bound: dict[str, Node] = {}
        for index, param in enumerate(signature.params):
            node = positional[index] if index < len(positional) else None
            if node is None and param.keyword:
                node = keywords.get(param.keyword)
            if node is None:
                continue
            if param.role:
                bound[param.role] = node
            for prop, role in param.props:
                target = self.object_property(self.resolve_object(node), prop)
                if target is not None:
                    bound[role] = target
        return bound

    def metadata_value(self, call: Node, node: Node) -> Value | None:
        """A call's metadata; a node outside the call was reached through a bound name."""
        outside = not (call.start_byte <= node.start_byte and node.end_byte <= call.end_byte)
        self._bound += outside
        try:
            return self.value(node)
        finally:
            self._bound -= outside

    def payload(self, name_node: Node) -> Iterator[Occurrence]:
        """An object literal with a string `action_name` and an object `metadata`."""
        obj = self.object_of_key(name_node, PAYLOAD_KEY)
        if obj is None:
            return
        action_node = self.object_property(obj, PAYLOAD_KEY)
        metadata_node = self.object_property(obj, "metadata")
        if action_node is None or metadata_node is None:
            return
        action_value = self.value(action_node)
        if action_value is None or action_value.type != T.STRING:
            return
        metadata = self.value(metadata_node)
        if metadata is not None and metadata.type == T.OBJECT:
            action = self.string_value(action_node)
            yield Occurrence("events", metadata, action, self.span(action_node) if action else None)

    def callback(self, name_node: Node) -> Iterator[Occurrence]:
        """Objects returned by a same-file function registered as the metadata callback."""
        function = self.callback_function(name_node)
        if function is None:
            return
        for returned in self.returned_values(function):
            metadata = self.value(returned)
            if metadata is not None and metadata.type == T.OBJECT:
                yield Occurrence("events", metadata)

    def syntax_error(
        self,
        errors: SyntaxErrors,
        hit: tuple[int, int],
        node: Node,
        name: str,
        signatures: list[Signature],
    ) -> None:
        """Report a syntax error that touches what this hit may be, once per call."""
        found = problem(self, errors, hit, node, name, signatures)
        if found is not None and found.span not in self._reported:
            self._reported.add(found.span)
            self.problems.append(found)

    # -- shared helpers -------------------------------------------------------------------

    def call_of(self, name_node: Node) -> Node | None:
        """The call whose callee ends with this name (`x.name(...)` or `name(...)`)."""
        callee = name_node
        parent = name_node.parent
        if parent is not None and parent.type == self.member_type:
            member = parent.child_by_field_name(self.member_field)
            if member is None or member.id != name_node.id:
                return None
            callee = parent
        elif name_node.type != "identifier":
            return None
        call = callee.parent
        if call is None or call.type != self.call_type_name:
            return None
        function = call.child_by_field_name("function")
        return call if function is not None and function.id == callee.id else None

    def callee_chain(self, call: Node) -> list[str]:
        """`window.moesif.track(...)` -> ["window", "moesif", "track"]; "?" for a non-name."""
        return self.chain(call.child_by_field_name("function"))

    def chain(self, node: Node | None) -> list[str]:
        """The names of a member chain, from its root: `a.b.c` -> ["a", "b", "c"]."""
        chain: list[str] = []
        while node is not None and node.type == self.member_type:
            member = node.child_by_field_name(self.member_field)
            chain.append(self.text(member) if member is not None else "?")
            node = node.child_by_field_name("object")
        if node is not None and node.type in self.chain_roots:
            chain.append(self.text(node))
        return chain[::-1]

    def span(self, node: Node, collapse: bool = False) -> Span:
        end = node.start_point if collapse else node.end_point
        return self.source.span(node.start_point, end)

    def text(self, node: Node) -> str:
        return (node.text or b"").decode("utf-8", "replace")

    def over_limit(self, node: Node, depth: int) -> bool:
        """Whether to stop typing at `node`: nested too deep, or the file's budget is spent.

        Same-file references multiply work (`const b = [a, a]; const c = [b, b]` doubles at
        each line), so every value typed costs one unit of a budget that grows with the size
        of the file: no file can take time out of proportion to its size.
        """
        if depth == 0 or self._top is None:
            self._top = node  # where a spent budget is reported: not deep in some declaration
        self._budget -= 1
        if depth <= MAX_DEPTH and self._budget >= 0:
            return False
        message, at = (DEPTH_MESSAGE, node) if depth > MAX_DEPTH else (SIZE_MESSAGE, self._top)
        if not any(p.message == message for p in self.problems):
            self.problems.append(Problem(message, self.span(at, collapse=True)))
        return True

    def make_object(self, node: Node, entries: list[Entry]) -> Value:
        return Value(T.OBJECT, self.span(node), entries=tuple(entries))

    def make_array(self, node: Node, items: list[Value]) -> Value:
        element, _ = T.common_element(item.type for item in items)
        return Value(T.array_of(element), self.span(node), items=tuple(items))

    def key_entry(self, key_node: Node, key: str, value: Value, quoted: bool) -> Entry:
        span = self.span(key_node)
        if quoted and key_node.end_byte - key_node.start_byte >= 2:
            start, end = key_node.start_point, key_node.end_point
            name_span = self.source.span((start[0], start[1] + 1), (end[0], end[1] - 1))
        else:
            name_span = span
        return Entry(key, span, value, name_span, bound=self._bound > 0)

    def declarations(self, name: str) -> tuple[list[Node], list[int]]:
        """Nodes declaring `name` in this file and their start bytes, in file order.

        Found from the bytes, not by walking the tree; all names are indexed in one pass, as
        a pass per name is quadratic in files that use many names.
        """
        if name not in self._declarations:
            if self._tokens is None:
                self._tokens = {}
                for match in _TOKEN.finditer(self.source.data):
                    self._tokens.setdefault(match.group(), []).append(match.start())
            encoded = name.encode()
            root = self.tree.root_node
            found = []
            for start in self._tokens.get(encoded, ()):
                node = root.descendant_for_byte_range(start, start + len(encoded))
                if node is not None and self.is_declaration(node):
                    found.append(node)
            self._declarations[name] = (found, [node.start_byte for node in found])
        return self._declarations[name]

    def declaration_before(self, use: Node) -> Node | None:
        """The closest declaration before the use, else the first one after it (hoisting)."""
        candidates, starts = self.declarations(self.text(use))
        before = bisect_left(starts, use.start_byte)
        if before:
            return candidates[before - 1]
        return next((d for d in candidates if d.id != use.id), None)

    def resolve(self, use: Node, depth: int) -> Value | None:
        """Type an identifier from its same-file declaration; `unknown` when there is none."""
        declaration = self.declaration_before(use)
        if declaration is None or declaration.id in self._resolving:
            return Value(T.UNKNOWN, self.span(use))
        self._resolving.add(declaration.id)
        self._bound += 1
        try:
            declared = self.declared_value(declaration, depth)
        finally:
            self._resolving.discard(declaration.id)
            self._bound -= 1
        return declared if declared is not None else Value(T.UNKNOWN, self.span(use))

    def resolve_object(self, node: Node) -> Node:
        """Follow an identifier to the object literal it is bound to, if any."""
        if self.is_identifier(node):
            declaration = self.declaration_before(node)
            if declaration is not None:
                bound = self.declared_node(declaration)
                if bound is not None:
                    return bound
        return node

    # -- language hooks -------------------------------------------------------------------

    def value(self, node: Node, depth: int = 0) -> Value | None:
        raise NotImplementedError

    def arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        raise NotImplementedError

    def object_property(self, obj: Node, name: str) -> Node | None:
        raise NotImplementedError

    def object_of_key(self, name_node: Node, key: str) -> Node | None:
        raise NotImplementedError

    def string_value(self, node: Node) -> str | None:
        raise NotImplementedError

    def is_identifier(self, node: Node) -> bool:
        return node.type == "identifier"

    def is_declaration(self, node: Node) -> bool:
        raise NotImplementedError

    def declared_node(self, declaration: Node) -> Node | None:
        raise NotImplementedError

    def declared_value(self, declaration: Node, depth: int) -> Value | None:
        """A declaration's initializer, else its type annotation; None for a function name."""
        parent = declaration.parent
        if parent is None or parent.type in ("function_declaration", "function_definition"):
            return None
        annotation = parent.child_by_field_name("type")
        bound = parent.child_by_field_name("value") or parent.child_by_field_name("right")
        if bound is not None:
            found = self.value(bound, depth)
            if found is None or found.type != T.UNKNOWN or annotation is None:
                return found
        if annotation is not None:
            return Value(self.annotation_type(annotation, depth), self.span(declaration))
        return None

    def annotation_type(self, node: Node, depth: int) -> str:
        raise NotImplementedError

    def callback_function(self, name_node: Node) -> Node | None:
        raise NotImplementedError

    def returned_values(self, function: Node) -> list[Node]:
        raise NotImplementedError


def walk_returns(body: Node, return_type: str, function_types: frozenset[str]) -> list[Node]:
    """Expressions of the return statements of one function body, not of nested functions."""
    found: list[Node] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type == return_type:
            found.extend(c for c in node.named_children if c.type != "comment")
            continue
        stack.extend(c for c in reversed(node.named_children) if c.type not in function_types)
    return found
