"""The one mechanism for code in every language: prefilter hits -> nodes -> metadata.

No visitor walks the whole tree: a substring search for the configured callee names finds
the few places worth looking at, and each hit is mapped to its syntax node with
`descendant_for_byte_range`. From there a language's `Extractor` subclass climbs to the call,
payload object or callback the name belongs to.
"""

from __future__ import annotations

import ast
import re
import warnings
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, Protocol

from tree_sitter import Node, Tree

from schema_lint import typing_ as T
from schema_lint.limits import DEPTH_MESSAGE, MAX_DEPTH
from schema_lint.model import PAYLOAD_KEY, Entry, Occurrence, Problem, Span, Value
from schema_lint.prefilter import WINDOW, find_word, reversed_chain
from schema_lint.scanners.source import Source
from schema_lint.scanners.syntax import SyntaxErrors, is_comment, problem
from schema_lint.signatures import Signature
from schema_lint.strings import SURROGATE

if TYPE_CHECKING:
    from schema_lint.languages import Language

MAX_VALUES = 50_000  # per file, plus one per byte: see `over_limit`
SIZE_MESSAGE = "metadata too large to check (references expand it too much); the rest is skipped"
_TOKEN = re.compile(rb"[\w$\x80-\xff]+")  # identifier-like runs, non-ASCII letters included
_TOKEN_BYTES = frozenset(
    b"$_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
) | frozenset(range(0x80, 0x100))
DIRECT_LOOKUPS = 32  # names searched for one by one before a file's tokens are all indexed


def token_positions(data: bytes, name: bytes) -> list[int]:
    """Where `name` stands as a whole `_TOKEN` run in `data` (what indexing every run finds)."""
    if not name or any(byte not in _TOKEN_BYTES for byte in name):
        return []
    starts: list[int] = []
    found = find_word(data, name, 0, _TOKEN_BYTES)
    while found >= 0:
        starts.append(found)
        found = find_word(data, name, found + len(name), _TOKEN_BYTES)
    return starts


NUMERIC = frozenset((T.NUMBER, T.INTEGER, T.FLOAT))
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Grammar:
    """A grammar's node kinds and field names: what the shared extractor reads."""

    # calls: the call node, its callee field, member access (`a.b`) and the member's fields
    call: frozenset[str]
    member: str
    member_field: str
    object_field: str = "object"
    function_field: str = "function"
    chain_roots: frozenset[str] = frozenset(("identifier",))
    argument_spreads: frozenset[str] = _NONE  # `...args`: positions after it are unknown
    # literals: objects, their entries and spreads; arrays, the items they skip
    objects: frozenset[str] = _NONE
    pairs: frozenset[str] = frozenset(("pair",))
    key_field: str = "key"
    value_field: str = "value"
    object_spreads: frozenset[str] = _NONE
    arrays: frozenset[str] = _NONE
    array_skips: frozenset[str] = frozenset(("comment",))
    strings: frozenset[str] = _NONE
    key_wrappers: frozenset[str] = _NONE  # nodes between a key's name and its pair
    numbers: frozenset[str] = _NONE  # typed by `number_type` from their text
    fixed: Mapping[str, str] = field(default_factory=dict)  # kinds with one type: true, null...
    absent: frozenset[str] = _NONE  # values that send no key (functions, `undefined`)
    identifiers: frozenset[str] = frozenset(("identifier",))
    wrappers: frozenset[str] = _NONE  # typed as their one inner expression: `(x)`
    # same-file declarations: parent kind -> field naming the declared identifier ("" for the
    # first named child), parent kinds whose field holds the bound value, functions
    declarations: Mapping[str, str] = field(default_factory=dict)
    bindings: Mapping[str, str] = field(default_factory=dict)
    value_fields: tuple[str, ...] = ("value", "right")
    functions: frozenset[str] = _NONE
    blocks: frozenset[str] = _NONE  # function bodies holding statements, not one expression
    returns: str = "return_statement"
    # declared types (see declared.py): `a['b']` and its object and index fields, declarations
    # of types (kind -> field naming the type), a function's return type field
    subscript: str = ""
    subscript_fields: tuple[str, str] = ("object", "index")
    type_declarations: Mapping[str, str] = field(default_factory=dict)
    return_field: str = "return_type"
    # operators: unary and binary node kinds (with an `operator` field), the unary operators'
    # types, comparisons (booleans), string-only operators (PHP's `.`), and whether `+` with
    # one string side is a string (Java, Go) or needs two (Ruby)
    unary: str = ""
    binary: str = ""
    unary_types: Mapping[str, str] = field(default_factory=dict)
    comparisons: frozenset[str] = _NONE
    concatenation: frozenset[str] = _NONE
    loose_plus: bool = False
    # calls of known functions and methods, and modules all of whose functions give numbers
    calls: Mapping[str, str] = field(default_factory=dict)
    methods: Mapping[str, str] = field(default_factory=dict)
    numeric_modules: frozenset[str] = _NONE
    # receivers and wrappers: the nodes naming a type inside an annotation, the annotation
    # node itself, and class definitions
    type_names: frozenset[str] = _NONE
    annotation: str = ""
    classes: frozenset[str] = _NONE


_MEMBER_ENDS = b".>:"  # what stands right before a member's name: `.`, `->`, `::`


@dataclass(frozen=True)
class _HitForm:
    member: bool  # `.name`: only right after a member access
    before: re.Pattern[bytes] | None  # `a.name`: the receivers, reversed


@lru_cache(maxsize=32)
def _hit_plan(names: tuple[str, ...]) -> tuple[tuple[bytes, tuple[_HitForm, ...]], ...]:
    """Per last name to search for, the forms a hit on it may take, longest name first (as
    an alternation would try them)."""
    forms: dict[bytes, list[tuple[int, _HitForm]]] = {}
    for name in sorted(set(names)):
        *receivers, last = name.lstrip(".").split(".")
        before = None
        if receivers:  # the whole name must start there: no sigil, unlike a callee's receiver
            before = re.compile(reversed_chain(receivers) + rb"(?![\w$])")
        form = _HitForm(name.startswith(".") and not receivers, before)
        forms.setdefault(last.encode(), []).append((len(name), form))
    return tuple(
        (last, tuple(form for _, form in sorted(found, key=lambda f: -f[0])))
        for last, found in sorted(forms.items())
    )


def find_hits(data: bytes, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where any of `names` stands as a whole word (identifiers may contain `$`), in file
    order and never overlapping, as `(start, end)`. A name written `.name` is a hit only as a
    member (`x.name`, `$x->name`, `X::name`), as a method name is; a dot inside a name
    (`people.set`) is any member access, blanks around it too (up to `WINDOW` bytes).

    Each last name is one substring search over the bytes: at memory speed, where a regex
    alternation of the names tries every position."""
    found: list[tuple[int, int]] = []
    for last, forms in _hit_plan(names):
        at = find_word(data, last)
        while at >= 0:
            end = at + len(last)
            for form in forms:
                if form.before is not None:
                    reach = data[max(0, at - WINDOW) : at][::-1]
                    matched = form.before.match(reach)
                    if matched is not None:
                        found.append((at - matched.end(), end))
                        break
                elif not form.member or (at > 0 and data[at - 1] in _MEMBER_ENDS):
                    found.append((at, end))
                    break
            at = find_word(data, last, end)
    found.sort(key=lambda hit: (hit[0], -hit[1]))
    kept: list[tuple[int, int]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def first_expression(node: Node) -> Node | None:
    """The first named child that is not a comment: comments are named nodes and may sit
    anywhere, as in `( /* why */ x)` or `[/* key */ 'a.b']: 1`."""
    return next((c for c in node.named_children if not is_comment(c)), None)


def well_formed(text: str) -> str:
    """Join escaped surrogate pairs (`\\ud83d\\ude00` is one emoji); a lone surrogate cannot
    be encoded for output, so it becomes U+FFFD."""
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def python_string(text: str) -> str | None:
    """A string literal written with Python's escapes (Go's and Ruby's are a subset), or None."""
    quote, inner = text[:1], text[1:-1]
    quoted = quote in ("'", '"') and len(text) > 1 and text[-1] == quote
    if quoted and not any(c in inner for c in (quote, "\\", "\n", "\0")):
        return inner  # most keys and values: nothing to unescape, and no prefix
    try:
        with warnings.catch_warnings():
            # `'\d'` would print a SyntaxWarning (Python 3.12+) for every key scanned
            warnings.simplefilter("ignore")
            literal = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return literal if isinstance(literal, str) else None


def single_quoted(text: str) -> str:
    """A single-quoted Ruby or PHP string: only `\\\\` and `\\'` are escapes."""
    return text[1:-1].replace("\\\\", "\0").replace("\\'", "'").replace("\0", "\\")


class Hooks(Protocol):
    """What the extractor asks of SDK client receivers and wrapper discovery (`wrappers.Hooks`
    is the one implementation): declared here so that the scanners do not import it."""

    def matched(
        self, ext: Extractor, call: Node, signature: Signature, bound: dict[str, Node]
    ) -> bool: ...

    def receiver_types(self, ext: Extractor, receiver: Node) -> set[str]: ...


class Extractor(ABC):
    """Shared driver and value typing, read from the subclass's `grammar` record; a language
    module adds only what its grammar does differently."""

    grammar: ClassVar[Grammar]

    def __init__(
        self,
        source: Source,
        tree: Tree,
        signatures: tuple[Signature, ...],
        language: Language,
        hooks: Hooks | None = None,
    ) -> None:
        self.source = source
        self.tree = tree
        self.language = language.family or language.name
        self.dialect = language.name
        self.callback_name = language.callback
        self.signatures = [s for s in signatures if s.language in (None, self.language)]
        self.hooks = hooks  # SDK client receivers and wrapper discovery (schema_lint.wrappers)
        self.problems: list[Problem] = []
        self._tokens: dict[bytes, list[int]] = {}  # name -> start bytes of its tokens
        self._indexed = False  # whether _tokens holds every name of the file
        self._declarations: dict[str, tuple[list[Node], list[int]]] = {}
        self._types: dict[str, Node | None] = {}
        self._resolving: set[int] = set()
        self._bound = 0  # > 0 while typing a value reached through a name, not written in place
        self._budget = MAX_VALUES + len(source.data)
        self._top: Node | None = None
        self._reported: set[Span] = set()  # where syntax errors were reported

    # -- driver ---------------------------------------------------------------------------

    def names(self) -> tuple[str, ...]:
        callback = () if self.callback_name is None else (self.callback_name,)
        return (*(s.hit for s in self.signatures), PAYLOAD_KEY, *callback)

    def run(self) -> list[Occurrence]:
        by_name: dict[str, list[Signature]] = {}
        for signature in self.signatures:
            by_name.setdefault(signature.name, []).append(signature)
        found: dict[tuple[str, Span], Occurrence] = {}
        root = self.tree.root_node
        errors = SyntaxErrors(root) if root.has_error else None
        data = self.source.data
        for start, end in find_hits(data, self.names()):
            node = root.descendant_for_byte_range(start, end)
            if node is None:
                continue
            name = data[start:end].decode()
            if errors is not None:
                self.syntax_error(errors, (start, end), node, name, by_name.get(name, []))
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
        match = self.best_match(call, signatures)
        if match is None:
            return
        signature, bindings = match
        for bound, metadata in bindings:
            if self.hooks is not None and self.hooks.matched(self, call, signature, bound):
                continue  # the metadata is a wrapper's parameter: its call sites supply it
            event_node = bound.get("EVENT")
            action = None if event_node is None else self.string_value(event_node)
            action_span = None if action is None or event_node is None else self.span(event_node)
            yield Occurrence(signature.namespace, metadata, action, action_span)

    def best_match(
        self, call: Node, signatures: list[Signature]
    ) -> tuple[Signature, list[tuple[dict[str, Node], Value]]] | None:
        """The most specific signature binding the call (see `Signature.specificity`), with
        its bindings (several for an array pattern) and their metadata values; metadata that
        is neither an object nor unknown (a string, say) is not a binding. Receivers are
        typed as SDK clients only when no signature matches by name: that is the costly part."""
        chain = self.callee_chain(call)
        if not chain:
            return None
        receiver = self.receiver(call)
        arguments = self.arguments(call)
        by_name = [s for s in signatures if self.callee_matches(s, chain, receiver)]
        best = self.rank(call, by_name, signatures, arguments)
        if best is None and receiver is not None and self.hooks is not None:
            typed = [
                s
                for s in signatures
                if s.name == chain[-1] and (s.clients or s.owner) and s not in by_name
            ]
            types = self.hooks.receiver_types(self, receiver) if typed else set()
            clients = [s for s in typed if not types.isdisjoint(s.clients or (s.owner,))]
            best = self.rank(call, clients, signatures, arguments) if clients else None
        return best

    def rank(
        self,
        call: Node,
        candidates: list[Signature],
        signatures: list[Signature],
        arguments: tuple[list[Node], dict[str, Node]],
    ) -> tuple[Signature, list[tuple[dict[str, Node], Value]]] | None:
        best: tuple[tuple[int, ...], Signature, list[tuple[dict[str, Node], Value]]] | None = None
        values: dict[int, Value | None] = {}  # overlapping signatures often bind one node
        for signature in candidates:
            typed = []
            for bound in self.bind(signature, *arguments):
                node = bound.get("METADATA")
                if node is not None and node.id not in values:
                    values[node.id] = self.metadata_value(call, node)
                value = values[node.id] if node is not None else None
                if value is not None and value.type in (T.OBJECT, T.UNKNOWN):
                    typed.append((bound, value))
            if not typed:
                continue
            resolved = any(value.type == T.OBJECT for _, value in typed)
            order = -signatures.index(signature)
            rank = (*signature.specificity(len(typed[0][0]), resolved), order)
            if best is None or rank > best[0]:
                best = (rank, signature, typed)
        return None if best is None else (best[1], best[2])

    def callee_matches(self, signature: Signature, chain: list[str], receiver: Node | None) -> bool:
        """By name: `*.name` any receiver or none; `name` only a bare call; `a.name` the end
        of the chain. (A receiver that is one of the signature's SDK clients, or for a method
        wrapper an instance of its class, is `best_match`'s second try.)"""
        if chain[-1] != signature.name or signature.owner is not None:
            return False
        if signature.any_receiver:
            return True
        if signature.bare:
            return receiver is None
        return tuple(chain[-len(signature.callee) :]) == signature.callee

    def bind(
        self, signature: Signature, positional: list[Node], keywords: dict[str, Node]
    ) -> list[dict[str, Node]]:
        """Role -> argument node, by keyword then position; one binding per element of an
        array pattern. A pattern's property missing from an object literal that spreads
        something is bound to that spread (a wrapper's parameter may supply it).

        The keyword comes first: Ruby's trailing `event: 'x'` pairs are keywords and also,
        together, one hash in the positional slot, which must not take the keyword's role."""
        bound: dict[str, Node] = {}
        each: list[dict[str, Node]] = []
        index = 0
        for param in signature.params:
            node = keywords.get(param.keyword) if param.keyword else None
            if not param.keyword_only:
                if node is None and index < len(positional):
                    node = positional[index]
                index += 1
            if node is None:
                continue
            if param.role:
                bound[param.role] = node
            if param.each:
                items = self.elements(self.resolve_object(node))
                each = [self.pattern(item, param.props) for item in items]
            elif param.props:
                bound.update(self.pattern(self.resolve_object(node), param.props))
        return [{**bound, **item} for item in each] if each else [bound]

    def pattern(self, obj: Node, props: tuple[tuple[str, str], ...]) -> dict[str, Node]:
        bound: dict[str, Node] = {}
        for prop, role in props:
            target = self.object_property(obj, prop)
            if target is None:
                target = next(iter(self.spreads(obj)), None)
            if target is not None:
                bound[role] = target
        return bound

    def more_calls(self, signatures: list[Signature]) -> list[Occurrence]:
        """Calls of signatures learnt after `run` (wrappers defined in this file)."""
        by_name: dict[str, list[Signature]] = {}
        for signature in signatures:
            by_name.setdefault(signature.name, []).append(signature)
        root = self.tree.root_node
        found: list[Occurrence] = []
        needles = tuple(signature.hit for signature in signatures)
        data = self.source.data
        for start, end in find_hits(data, needles):
            node = root.descendant_for_byte_range(start, end)
            if node is not None:
                found.extend(self.calls(node, by_name[data[start:end].decode()]))
        return found

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
        g = self.grammar
        callee = name_node
        parent = name_node.parent
        if parent is not None and parent.type == g.member:
            member = parent.child_by_field_name(g.member_field)
            if member is None or member.id != name_node.id:
                return None
            callee = parent
        elif name_node.type not in g.identifiers:
            return None
        call = callee.parent
        if call is None or call.type not in g.call:
            return None
        function = call.child_by_field_name(g.function_field)
        return call if function is not None and function.id == callee.id else None

    def callee_chain(self, call: Node) -> list[str]:
        """`window.moesif.track(...)` -> ["window", "moesif", "track"]; "?" for a non-name."""
        return self.chain(call.child_by_field_name(self.grammar.function_field))

    def chain(self, node: Node | None) -> list[str]:
        """The names of a member chain, from its root: `a.b.c` -> ["a", "b", "c"]."""
        g = self.grammar
        chain: list[str] = []
        while node is not None and node.type == g.member:
            member = node.child_by_field_name(g.member_field)
            chain.append(self.text(member) if member is not None else "?")
            node = node.child_by_field_name(g.object_field)
        if node is not None and node.type in g.chain_roots:
            chain.append(self.text(node))
        return chain[::-1]

    def named_call(self, name_node: Node, field: str) -> Node | None:
        """The call holding `name_node` as its name, for grammars whose call node holds its
        receiver and name itself (Ruby's `recv.name(...)`, PHP's `$recv->name(...)`)."""
        call = name_node.parent
        if call is None or call.type not in self.grammar.call:
            return None
        named = call.child_by_field_name(field)
        return call if named is not None and named.id == name_node.id else None

    def receiver_chain(
        self, call: Node, links: frozenset[str], names: tuple[str, ...], receivers: tuple[str, ...]
    ) -> list[str]:
        """The names from the root receiver to the call's, through `links` nodes, each naming
        itself in one of the `names` fields; the root's sigil (`$x`, `@x`) is not part of it."""
        chain: list[str] = []
        node: Node | None = call
        while node is not None and node.type in links:
            name = next(filter(None, map(node.child_by_field_name, names)), None)
            chain.append(self.text(name) if name is not None else "?")
            node = next(filter(None, map(node.child_by_field_name, receivers)), None)
        if node is not None and node.type in self.grammar.chain_roots:
            chain.append(self.text(node).lstrip("$@"))
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
            found = [node for node in self.tokens(name) if self.is_declaration(node)]
            self._declarations[name] = (found, [node.start_byte for node in found])
        return self._declarations[name]

    def type_declaration(self, name: str) -> Node | None:
        """The first node declaring a type named `name` (a class, interface, enum, alias)."""
        if name not in self._types:
            kinds = self.grammar.type_declarations
            self._types[name] = next(
                (
                    node.parent
                    for node in self.tokens(name)
                    if node.parent is not None
                    and node.parent.type in kinds
                    and self.names_node(node.parent, kinds[node.parent.type], node)
                ),
                None,
            )
        return self._types[name]

    @staticmethod
    def names_node(parent: Node, name_field: str, node: Node) -> bool:
        """Whether `node` is the name `parent` declares ("" for its first named child)."""
        name = parent.child_by_field_name(name_field) if name_field else parent.named_children[0]
        return name is not None and name.id == node.id

    def tokens(self, name: str, scope: Node | None = None) -> list[Node]:
        """The nodes where the identifier-like token `name` occurs (inside `scope`)."""
        encoded = name.encode()
        root = scope or self.tree.root_node
        found = []
        for start in self.token_starts(encoded):
            if root.start_byte <= start < root.end_byte:
                node = root.descendant_for_byte_range(start, start + len(encoded))
                if node is not None:
                    found.append(node)
        return found

    def token_starts(self, name: bytes) -> list[int]:
        """Where the token `name` starts. The first few names are found by a plain search
        (memory speed, and most files need only a few); past that, one pass indexes every
        token of the file, since a search per name is quadratic in files using many names."""
        if self._indexed or name in self._tokens:
            return self._tokens.get(name, [])
        if len(self._tokens) >= DIRECT_LOOKUPS:
            self._tokens = {}
            for match in _TOKEN.finditer(self.source.data):
                self._tokens.setdefault(match.group(), []).append(match.start())
            self._indexed = True
            return self._tokens.get(name, [])
        self._tokens[name] = starts = token_positions(self.source.data, name)
        return starts

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

    # -- values -------------------------------------------------------------------------

    def value(self, node: Node, depth: int = 0) -> Value | None:
        """The typed value of an expression; None when it sends no key (a function)."""
        if self.over_limit(node, depth):
            return Value(T.UNKNOWN, self.span(node))
        g = self.grammar
        kind = node.type
        body = self.object_body(node)
        if body is not None:
            return self.make_object(node, self.entries(body, depth))
        body = self.array_body(node)
        if body is not None:
            return self.make_array(node, self.items(body, depth))
        if kind in g.identifiers:
            return self.identifier_value(node, depth)
        if kind in g.wrappers and (inner := first_expression(node)) is not None:
            return self.wrapped_value(node, inner, depth)
        if kind in g.absent:
            return None
        return self.other_value(node, depth)

    def object_body(self, node: Node) -> Node | None:
        """The node holding an object literal's entries, if `node` is one."""
        return node if node.type in self.grammar.objects else None

    def array_body(self, node: Node) -> Node | None:
        """The node holding an array literal's items, if `node` is one."""
        return node if node.type in self.grammar.arrays else None

    def items(self, body: Node, depth: int) -> list[Value]:
        skips = self.grammar.array_skips
        return [
            v
            for c in body.named_children
            if c.type not in skips
            if (v := self.value(c, depth + 1)) is not None
        ]

    def identifier_value(self, node: Node, depth: int) -> Value | None:
        return self.resolve(node, depth + 1)

    def wrapped_value(self, node: Node, inner: Node, depth: int) -> Value | None:
        return self.value(inner, depth + 1)

    def other_value(self, node: Node, depth: int) -> Value | None:
        return Value(self.scalar_type(node, depth), self.span(node))

    def scalar_type(self, node: Node, depth: int) -> str:
        g = self.grammar
        kind = node.type
        if kind in g.fixed:
            return g.fixed[kind]
        if kind in g.numbers:
            return self.number_type(node)
        if kind in g.strings:
            return self.string_type(node)
        if kind in g.call:
            return self.call_type(node, depth)
        return self.expression_type(node, depth)

    def number_type(self, node: Node) -> str:
        """`integer`, `float` or `number` for a number literal, as the language sends it."""
        return T.NUMBER

    def string_type(self, node: Node) -> str:
        return T.STRING

    def expression_type(self, node: Node, depth: int) -> str:
        """Operators, read from the grammar record; other expressions are `unknown`."""
        g = self.grammar
        if node.type not in (g.unary, g.binary):
            return T.UNKNOWN
        operator = node.child_by_field_name("operator")
        text = self.text(operator) if operator is not None else ""
        if node.type == g.unary:
            return g.unary_types.get(text, T.UNKNOWN)
        if text in g.comparisons:
            return T.BOOLEAN
        if text in g.concatenation:
            return T.STRING
        types = self.side_types(node, ("left", "right"), depth)
        strings = types.count(T.STRING)
        if text == "+" and (strings == 2 or (strings and g.loose_plus)):
            return T.STRING
        return T.NUMBER if all(t in NUMERIC for t in types) else T.UNKNOWN

    def side_types(self, node: Node, fields: tuple[str, ...], depth: int) -> list[str]:
        """The types of a node's operands, `unknown` for each missing or untyped one."""
        types = []
        for name in fields:
            child = node.child_by_field_name(name)
            found = self.value(child, depth + 1) if child is not None else None
            types.append(found.type if found is not None else T.UNKNOWN)
        return types

    def call_type(self, node: Node, depth: int = 1) -> str:
        g = self.grammar
        chain = self.callee_chain(node)
        if not chain:
            return T.UNKNOWN
        dotted = ".".join(chain)
        if dotted in g.calls:
            return g.calls[dotted]
        if len(chain) == 2 and chain[0] in g.numeric_modules:
            return T.NUMBER
        return g.methods.get(chain[-1], T.UNKNOWN) if self.is_method_call(node) else T.UNKNOWN

    def is_method_call(self, call: Node) -> bool:
        """Whether the call has a receiver (`x.f()`), so its name is a method's."""
        function = call.child_by_field_name(self.grammar.function_field)
        return function is not None and function.type == self.grammar.member

    # -- objects --------------------------------------------------------------------------

    def entries(self, body: Node, depth: int) -> list[Entry]:
        g = self.grammar
        entries: list[Entry] = []
        for child in body.named_children:
            if child.type in g.pairs:
                entry = self.pair_entry(child, depth)
                if entry is not None:
                    entries.append(entry)
            elif child.type in g.object_spreads:
                expression = first_expression(child)
                spread = self.value(expression, depth + 1) if expression is not None else None
                if spread is not None and spread.type == T.OBJECT:
                    entries.extend(spread.entries)
            else:
                entries.extend(self.other_entries(child, depth))
        return entries

    def pair_entry(self, pair: Node, depth: int) -> Entry | None:
        key_node, value_node = self.pair_parts(pair)
        key = self.key_name(key_node) if key_node is not None else None
        if key is None or key_node is None or value_node is None:
            return None
        found = self.value(value_node, depth + 1)
        return None if found is None else self.named_entry(key_node, key, found)

    def pair_parts(self, pair: Node) -> tuple[Node | None, Node | None]:
        g = self.grammar
        return pair.child_by_field_name(g.key_field), pair.child_by_field_name(g.value_field)

    def other_entries(self, child: Node, depth: int) -> list[Entry]:
        """Entries from an object member that is neither a pair nor a spread."""
        return []

    def named_entry(self, key_node: Node, key: str, value: Value) -> Entry:
        """An entry whose name span is the key's text inside its quotes, when it has one."""
        parts = [c for c in key_node.named_children if c.type.endswith(("_content", "_fragment"))]
        entry = self.key_entry(key_node, key, value, quoted=False)
        if key_node.type in self.grammar.strings and len(parts) == 1:
            return replace(entry, name_span=self.span(parts[0]))
        return entry

    def key_name(self, key: Node) -> str | None:
        return self.string_value(key)

    def object_property(self, obj: Node, name: str) -> Node | None:
        body = self.object_body(obj)
        if body is None:
            return None
        found = None
        for child in body.named_children:
            if child.type in self.grammar.pairs:
                key, value = self.pair_parts(child)
                if key is not None and self.key_name(key) == name:
                    found = value
            else:
                found = self.other_property(child, name) or found
        return found

    def other_property(self, child: Node, name: str) -> Node | None:
        """The value of `name` held by an object member that is not a pair."""
        return None

    def object_of_key(self, name_node: Node, key: str) -> Node | None:
        """The object literal holding the key `key` whose name is `name_node`."""
        g = self.grammar
        node = name_node
        while node.parent is not None and node.parent.type in g.key_wrappers:
            node = node.parent
        pair = node.parent
        if pair is None or pair.type not in g.pairs:
            return None
        key_node, _ = self.pair_parts(pair)
        if key_node is None or key_node.id != node.id or self.key_name(key_node) != key:
            return None
        return pair.parent

    @abstractmethod
    def string_value(self, node: Node) -> str | None:
        """The text of a string literal without interpolation, unescaped; else None."""

    def arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        """A call's positional arguments up to the first spread, and its keyword arguments."""
        args = call.child_by_field_name("arguments")
        positional: list[Node] = []
        keywords: dict[str, Node] = {}
        stopped = False
        for child in args.named_children if args is not None else []:
            keyword = self.keyword_argument(child)
            if keyword is not None:
                keywords[keyword[0]] = keyword[1]
            elif child.type in self.grammar.argument_spreads:
                stopped = True
            elif not is_comment(child) and not stopped:
                positional.append(self.argument_value(child))
        return positional, keywords

    def keyword_argument(self, argument: Node) -> tuple[str, Node] | None:
        """(name, value) of a keyword argument (`properties=x`); None for any other."""
        return None

    def argument_value(self, argument: Node) -> Node:
        return argument

    # -- same-file declarations -------------------------------------------------------------

    def is_identifier(self, node: Node) -> bool:
        return node.type in self.grammar.identifiers

    def receiver(self, call: Node) -> Node | None:
        """The object a method is called on: `a.b` in `a.b.track()`; None for `track()`."""
        function = call.child_by_field_name(self.grammar.function_field)
        if function is None or function.type != self.grammar.member:
            return None
        return function.child_by_field_name(self.grammar.object_field)

    def elements(self, array: Node) -> list[Node]:
        """The items of an array literal, spreads and comments left out."""
        if array.type not in self.grammar.arrays:
            return []
        return [c for c in array.named_children if c.type not in self.grammar.array_skips]

    def spreads(self, obj: Node) -> list[Node]:
        """The spread entries (`...x`, `**x`) of an object literal, in order."""
        return [c for c in obj.named_children if c.type in self.grammar.object_spreads]

    def is_declaration(self, node: Node) -> bool:
        parent = node.parent
        if parent is None or node.type not in self.grammar.identifiers:
            return False
        name_field = self.grammar.declarations.get(parent.type)
        return name_field is not None and self.names_node(parent, name_field, node)

    def declared_node(self, declaration: Node) -> Node | None:
        parent = declaration.parent
        if parent is not None and parent.type in self.grammar.bindings:
            return parent.child_by_field_name(self.grammar.bindings[parent.type])
        return parent

    def declared_value(self, declaration: Node, depth: int) -> Value | None:
        """A declaration's initializer, else its type annotation; None for a function name."""
        parent = declaration.parent
        if parent is None or parent.type in self.grammar.functions:
            return None
        annotation = self.declared_annotation(declaration)
        bound = self.bound_value(parent)
        if bound is not None:
            found = self.value(bound, depth)
            if found is None or found.type != T.UNKNOWN or annotation is None:
                return found
        if annotation is not None:
            return Value(self.annotation_type(annotation, depth), self.span(declaration))
        return None

    def declared_annotation(self, declaration: Node) -> Node | None:
        """The type annotation of a declared name, if it has one."""
        parent = declaration.parent
        return None if parent is None else parent.child_by_field_name("type")

    def bound_value(self, holder: Node) -> Node | None:
        """The expression a declaration binds (or a parameter's default), if any."""
        return next(filter(None, map(holder.child_by_field_name, self.grammar.value_fields)), None)

    def annotation_type(self, node: Node, depth: int) -> str:
        """The type a declared type annotation gives; `unknown` where the language has none."""
        return T.UNKNOWN

    # -- callbacks --------------------------------------------------------------------------

    def callback_function(self, name_node: Node) -> Node | None:
        """The function registered under the callback name; languages with a callback say how."""
        return None

    def returned_values(self, function: Node) -> list[Node]:
        body = function.child_by_field_name("body")
        if body is None:
            return []
        if body.type not in self.grammar.blocks:
            return [body]
        return walk_returns(body, self.grammar.returns, self.grammar.functions)

    # -- language lookups for receivers and wrappers (schema_lint.wrappers) --------------
    # A language that does not override them finds no SDK client receiver and no wrapper:
    # its calls match by name only.

    def unwrapped(self, node: Node) -> Node:
        """The expression inside awaits, parentheses and assertions."""
        return node

    def constructed(self, node: Node) -> str | None:
        """The class or factory an expression is built by (`new PostHog(k)`)."""
        return None

    def type_names(self, annotation: Node) -> set[str]:
        """The type names in a type annotation (a handful at the most)."""
        names: set[str] = set()
        stack = [annotation] if self.grammar.type_names else []
        while stack and len(names) < 20:
            node = stack.pop()
            if node.type in self.grammar.type_names:
                names.add(self.text(node))
            else:
                stack.extend(node.named_children)
        return names

    def declaration_sources(self, declaration: Node) -> tuple[Node | None, Node | None]:
        """(initializer, type annotation) of a declared name."""
        return None, None

    def enclosing_class(self, node: Node) -> Node | None:
        parent = node.parent
        while parent is not None and parent.type not in self.grammar.classes:
            parent = parent.parent
        return parent

    def class_name(self, cls: Node) -> str | None:
        name = cls.child_by_field_name("name")
        return self.text(name) if name is not None else None

    def self_member(self, node: Node) -> str | None:
        """`x` for `this.x` / `self.x`."""
        return None

    def field_sources(self, cls: Node, name: str) -> list[Node]:
        """Initializers and annotations of a class's field."""
        return []

    def is_type(self, node: Node) -> bool:
        return bool(self.grammar.annotation) and node.type == self.grammar.annotation

    def is_this(self, node: Node) -> bool:
        return False

    def function_of(self, node: Node) -> Node | None:
        return None

    def function_name(self, function: Node) -> tuple[str, str | None] | None:
        return None

    def parameters(self, function: Node) -> list[tuple[str | None, str]]:
        return []

    def member_of(self, node: Node) -> tuple[Node, str] | None:
        return None

    def needed_imports(self) -> tuple[str, ...]:
        """Modules whose imported names typing needed (see declared.py)."""
        return ()

    def imports(self) -> list[tuple[str, str, str]]:
        return []

    def top_level(self) -> list[tuple[Node, Node | None]]:
        """Module-level names: (name node, the function it names, if any)."""
        return []


def walk_returns(body: Node, return_type: str, function_types: frozenset[str]) -> list[Node]:
    """Expressions of the return statements of one function body, not of nested functions."""
    found: list[Node] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type == return_type:
            found.extend(c for c in node.named_children if not is_comment(c))
            continue
        stack.extend(c for c in reversed(node.named_children) if c.type not in function_types)
    return found
