"""PHP: arrays with `=>` keys are objects (as `json_encode` sends them), lists are arrays.

`$moesif->track(...)`, `Moesif::track(...)` and `track(...)` all end in `track`; a variable's
`$` is not part of the name a signature gives (`moesif.track(EVENT, METADATA)`).
"""

from __future__ import annotations

import re
import sys

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.scanners.code import Extractor, Grammar, single_quoted

FUNCTIONS = frozenset(
    ("function_definition", "method_declaration", "anonymous_function", "arrow_function")
)
_CALLS = frozenset(
    ("member_call_expression", "nullsafe_member_call_expression", "scoped_call_expression")
)
_MEMBERS = frozenset(("member_access_expression", "nullsafe_member_access_expression"))
_COMPARISON = frozenset(
    ("==", "!=", "===", "!==", "<", ">", "<=", ">=", "&&", "||", "and", "or", "instanceof")
)
_CASTS = {
    "string": T.STRING,
    "int": T.INTEGER,
    "integer": T.INTEGER,
    "float": T.FLOAT,
    "double": T.FLOAT,
    "bool": T.BOOLEAN,
    "boolean": T.BOOLEAN,
    "array": T.ARRAY_UNKNOWN,
    "object": T.OBJECT,
}

_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{1,2}|[0-7]{1,3}|[nrtvef\\$\"])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "v": "\v", "e": "\x1b", "f": "\f"}


def _unescape(match: re.Match[str]) -> str:
    """PHP's double-quoted escapes; any other backslash stays, as PHP keeps it."""
    body = match.group(1)
    if body.startswith("u{"):
        point = int(body[2:-1], 16)
        return chr(point) if point <= sys.maxunicode and not 0xD800 <= point < 0xE000 else "\ufffd"
    if body[0] == "x":
        return chr(int(body[1:], 16))
    if body[0].isdigit():
        return chr(int(body, 8) & 0xFF)
    return _SIMPLE.get(body, body)


GRAMMAR = Grammar(
    call=frozenset(("function_call_expression", *_CALLS)),
    member="member_access_expression",
    member_field="name",
    chain_roots=frozenset(("variable_name", "name")),
    pairs=frozenset(("array_element_initializer",)),
    array_skips=frozenset(("comment",)),
    strings=frozenset(("string", "encapsed_string", "heredoc", "nowdoc")),
    key_wrappers=frozenset(("string", "encapsed_string")),
    fixed={"integer": T.INTEGER, "float": T.FLOAT, "boolean": T.BOOLEAN, "null": T.NULL},
    identifiers=frozenset(("variable_name",)),
    wrappers=frozenset(("parenthesized_expression", "array_element_initializer", "argument")),
    binary="binary_expression",
    comparisons=_COMPARISON,
    concatenation=frozenset((".",)),
    declarations={"assignment_expression": "left"},
    bindings={"assignment_expression": "right"},
    functions=FUNCTIONS,
    blocks=frozenset(("compound_statement",)),
    calls={
        "strval": T.STRING,
        "json_encode": T.STRING,
        "date": T.STRING,
        "count": T.INTEGER,
        "strlen": T.INTEGER,
        "intval": T.INTEGER,
        "time": T.INTEGER,
        "floatval": T.FLOAT,
        "boolval": T.BOOLEAN,
        "is_null": T.BOOLEAN,
        "isset": T.BOOLEAN,
    },
)


class PhpExtractor(Extractor):
    grammar = GRAMMAR

    # -- calls ----------------------------------------------------------------------------

    def call_of(self, name_node: Node) -> Node | None:
        if name_node.type != "name":
            return None
        parent = name_node.parent
        plain = parent is not None and parent.type == "function_call_expression"
        return self.named_call(name_node, "function" if plain else "name")

    def callee_chain(self, call: Node) -> list[str]:
        if call.type == "function_call_expression":
            function = call.child_by_field_name("function")
            return [self.text(function)] if function is not None and function.type == "name" else []
        return self.receiver_chain(call, _CALLS | _MEMBERS, ("name",), ("object", "scope"))

    def is_method_call(self, call: Node) -> bool:
        return call.type != "function_call_expression"

    def keyword_argument(self, argument: Node) -> tuple[str, Node] | None:
        name = argument.child_by_field_name("name")
        return None if name is None else (self.text(name), self.argument_value(argument))

    def argument_value(self, argument: Node) -> Node:
        """The expression an argument passes (`argument` wraps it, with a name if named)."""
        return argument.named_children[-1] if argument.named_children else argument

    # -- arrays -----------------------------------------------------------------------------

    def keyed(self, node: Node) -> bool | None:
        """Whether an array literal has `=>` keys (an object); None for no array literal."""
        if node.type != "array_creation_expression":
            return None
        return any(
            any(c.type == "=>" for c in element.children)
            for element in node.named_children
            if element.type == "array_element_initializer"
        )

    def object_body(self, node: Node) -> Node | None:
        if node.type == "cast_expression":  # `(object) [...]`, `{}` even when empty
            cast, value = node.child_by_field_name("type"), node.child_by_field_name("value")
            is_object = cast is not None and self.text(cast).lower() == "object"
            return (
                value if is_object and value is not None and self.keyed(value) is not None else None
            )
        return node if self.keyed(node) else None

    def array_body(self, node: Node) -> Node | None:
        return node if self.keyed(node) is False else None

    def pair_parts(self, pair: Node) -> tuple[Node | None, Node | None]:
        if not any(c.type == "=>" for c in pair.children):
            return None, None
        parts = [c for c in pair.named_children if c.type != "comment"]
        return (parts[0], parts[1]) if len(parts) == 2 else (None, None)

    def key_name(self, key: Node) -> str | None:
        if key.type == "integer":
            return self.text(key)  # json_encode writes integer keys as strings
        return self.string_value(key)

    # -- values -----------------------------------------------------------------------------

    def string_value(self, node: Node) -> str | None:
        text = self.text(node)
        if node.type == "string" and text.startswith("'"):
            return single_quoted(text)
        interpolated = any(
            c.type not in ("string_content", "escape_sequence") for c in node.named_children
        )
        if node.type == "encapsed_string" and text.startswith('"') and not interpolated:
            return _ESCAPE.sub(_unescape, text[1:-1])
        return None

    def expression_type(self, node: Node, depth: int) -> str:
        if node.type == "cast_expression":
            cast = node.child_by_field_name("type")
            return _CASTS.get(self.text(cast).lower(), T.UNKNOWN) if cast else T.UNKNOWN
        if node.type == "unary_op_expression":  # its operator is not a field
            first = node.children[0] if node.children else None
            text = self.text(first) if first is not None else ""
            return {"!": T.BOOLEAN, "-": T.NUMBER, "+": T.NUMBER}.get(text, T.UNKNOWN)
        return super().expression_type(node, depth)
