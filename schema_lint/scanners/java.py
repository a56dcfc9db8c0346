"""Java: `Map.of(k, v, ...)` and a `new HashMap<>()` filled by `put` calls in its own block.

A map's entries are not child nodes here: `Map.of` holds them as alternating arguments, and a
`HashMap` receives them from the `put(k, v)` statements that follow its declaration in the
same block. Maps filled anywhere else (another method, a loop, a builder) are not followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.model import Entry, Value
from schema_lint.scanners.code import Extractor, Grammar, python_string

FUNCTIONS = frozenset(
    ("method_declaration", "constructor_declaration", "lambda_expression", "class_body")
)
_MAP_FACTORIES = frozenset(("Map.of", "ImmutableMap.of"))
_LIST_FACTORIES = frozenset(("List.of", "Arrays.asList", "Set.of", "ImmutableList.of"))
_MAP_CLASSES = frozenset(("HashMap", "LinkedHashMap", "TreeMap", "ConcurrentHashMap"))
_COMPARISON = frozenset(("==", "!=", "<", ">", "<=", ">=", "&&", "||", "instanceof"))
_INTEGERS = ("decimal_integer_literal", "hex_integer_literal", "octal_integer_literal")

GRAMMAR = Grammar(
    call=frozenset(("method_invocation",)),
    member="field_access",
    member_field="field",
    chain_roots=frozenset(("identifier", "this")),
    arrays=frozenset(("array_initializer",)),
    array_skips=frozenset(("line_comment", "block_comment")),
    strings=frozenset(("string_literal", "character_literal")),
    key_wrappers=frozenset(("string_literal",)),
    fixed={
        **dict.fromkeys((*_INTEGERS, "binary_integer_literal"), T.INTEGER),
        "decimal_floating_point_literal": T.FLOAT,
        "true": T.BOOLEAN,
        "false": T.BOOLEAN,
        "null_literal": T.NULL,
    },
    wrappers=frozenset(("parenthesized_expression",)),
    unary="unary_expression",
    binary="binary_expression",
    unary_types={"!": T.BOOLEAN, "-": T.NUMBER, "+": T.NUMBER},
    comparisons=_COMPARISON,
    loose_plus=True,
    declarations={"variable_declarator": "name"},
    bindings={"variable_declarator": "value"},
    functions=FUNCTIONS,
    blocks=frozenset(("block",)),
    calls={
        "String.valueOf": T.STRING,
        "String.format": T.STRING,
        "Integer.parseInt": T.INTEGER,
        "Double.parseDouble": T.FLOAT,
        "System.currentTimeMillis": T.INTEGER,
    },
    methods={
        "toString": T.STRING,
        "name": T.STRING,
        "length": T.INTEGER,
        "size": T.INTEGER,
        "equals": T.BOOLEAN,
        "isEmpty": T.BOOLEAN,
    },
)


class JavaExtractor(Extractor):
    grammar = GRAMMAR

    def call_of(self, name_node: Node) -> Node | None:
        return self.named_call(name_node, "name")

    def callee_chain(self, call: Node) -> list[str]:
        links = frozenset(("method_invocation", "field_access"))
        return self.receiver_chain(call, links, ("name", "field"), ("object",))

    def is_method_call(self, call: Node) -> bool:
        return call.child_by_field_name("object") is not None

    def string_value(self, node: Node) -> str | None:
        text = self.text(node)
        if node.type != "string_literal" or text.startswith('"""'):
            return None  # text blocks strip indentation: not read
        return python_string(text)

    # -- maps: entries as argument pairs or `put` calls -----------------------------------

    def factory(self, node: Node) -> str:
        return ".".join(self.callee_chain(node)) if node.type == "method_invocation" else ""

    def object_body(self, node: Node) -> Node | None:
        if self.factory(node) in _MAP_FACTORIES:
            return node
        kind = (
            node.child_by_field_name("type") if node.type == "object_creation_expression" else None
        )
        name = self.text(kind).partition("<")[0] if kind is not None else ""
        return node if name in _MAP_CLASSES else None

    def array_body(self, node: Node) -> Node | None:
        if node.type == "array_creation_expression":
            return node.child_by_field_name("value")
        if self.factory(node) in _LIST_FACTORIES:
            return node.child_by_field_name("arguments")
        return super().array_body(node)

    def pairs(self, body: Node) -> Iterator[tuple[Node, Node]]:
        """(key, value) nodes of a map: `Map.of`'s arguments, or a `HashMap`'s `put` calls."""
        if body.type == "method_invocation":
            args, _ = self.arguments(body)
            yield from zip(args[0::2], args[1::2], strict=False)
        else:
            yield from self.puts(body)

    def puts(self, creation: Node) -> Iterator[tuple[Node, Node]]:
        declarator = creation.parent
        statement = declarator.parent if declarator is not None else None
        name = declarator.child_by_field_name("name") if declarator is not None else None
        block = statement.parent if statement is not None else None
        if name is None or block is None or declarator is None:
            return
        for sibling in block.named_children:
            call = sibling.named_children[0] if sibling.type == "expression_statement" else None
            receiver = call.child_by_field_name("object") if call is not None else None
            if call is None or receiver is None or sibling.start_byte < declarator.end_byte:
                continue
            if self.text(receiver) == self.text(name) and self.callee_chain(call)[-1:] == ["put"]:
                args, _ = self.arguments(call)
                if len(args) == 2:
                    yield args[0], args[1]

    def make_object(self, node: Node, entries: list[Entry]) -> Value:
        """A `HashMap` spans its `put` calls too: its keys are its own, not merged in."""
        found = super().make_object(node, entries)
        if node.type != "object_creation_expression" or not entries:
            return found
        end = max((e.value.span.end_line, e.value.span.end_column) for e in entries)
        return replace(found, span=found.span._replace(end_line=end[0], end_column=end[1]))

    def entries(self, body: Node, depth: int) -> list[Entry]:
        entries = []
        for key_node, value_node in self.pairs(body):
            key = self.string_value(key_node)
            found = self.value(value_node, depth + 1) if key is not None else None
            if key is not None and found is not None:
                entries.append(self.named_entry(key_node, key, found))
        return entries

    def object_property(self, obj: Node, name: str) -> Node | None:
        body = self.object_body(obj)
        pairs = self.pairs(body) if body is not None else iter(())
        return next((v for k, v in reversed(list(pairs)) if self.string_value(k) == name), None)

    def object_of_key(self, name_node: Node, key: str) -> Node | None:
        """The map holding `key`: a `Map.of(key, ...)` or the map a `put(key, ...)` fills."""
        literal = name_node.parent if name_node.type == "string_fragment" else name_node
        args = literal.parent if literal is not None else None
        call = args.parent if args is not None else None
        if literal is None or call is None or self.string_value(literal) != key:
            return None
        positional, _ = self.arguments(call)
        index = next((i for i, arg in enumerate(positional) if arg.id == literal.id), -1)
        if self.factory(call) in _MAP_FACTORIES:
            return call if index % 2 == 0 else None  # a key, not a value
        receiver = call.child_by_field_name("object")
        if index != 0 or receiver is None or self.callee_chain(call)[-1:] != ["put"]:
            return None
        found = self.resolve_object(receiver)
        return found if self.object_body(found) is not None else None
