"""Go: map and slice composite literals (`map[string]any{...}`, `[]string{...}`).

Struct literals stay `unknown`: their field names are not the keys sent (`json:` tags rename
them). A literal of a named map type (`Props{"plan": "pro"}`) is known by its string keys.
"""

from __future__ import annotations

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.model import Entry, Value
from schema_lint.scanners.code import Extractor, Grammar, python_string

FUNCTIONS = frozenset(("function_declaration", "method_declaration", "func_literal"))
_ARRAY_TYPES = frozenset(("slice_type", "array_type", "implicit_length_array_type"))
_WRAPPERS = frozenset(("literal_element", "expression_list", "parenthesized_expression"))
_COMPARISON = frozenset(("==", "!=", "<", ">", "<=", ">=", "&&", "||"))
_TYPES = {
    "string": T.STRING,
    "bool": T.BOOLEAN,
    **dict.fromkeys(("float32", "float64"), T.FLOAT),
    **dict.fromkeys(
        ("int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"),
        T.INTEGER,
    ),
}
_CALLS = {
    "fmt.Sprintf": T.STRING,
    "fmt.Sprint": T.STRING,
    "strconv.Itoa": T.STRING,
    "strconv.FormatInt": T.STRING,
    "strings.Join": T.STRING,
    "strings.ToLower": T.STRING,
    "strings.ToUpper": T.STRING,
    "strings.TrimSpace": T.STRING,
    "len": T.INTEGER,
    "string": T.STRING,
    **{name: type_ for name, type_ in _TYPES.items() if type_ != T.STRING},
}
_METHODS = {"String": T.STRING, "Error": T.STRING, "Format": T.STRING, "Unix": T.INTEGER}

GRAMMAR = Grammar(
    call=frozenset(("call_expression",)),
    member="selector_expression",
    member_field="field",
    object_field="operand",
    argument_spreads=frozenset(("variadic_argument",)),
    pairs=frozenset(("keyed_element",)),
    strings=frozenset(("interpreted_string_literal", "raw_string_literal")),
    key_wrappers=frozenset(("interpreted_string_literal", "raw_string_literal", *_WRAPPERS)),
    fixed={
        "int_literal": T.INTEGER,
        "rune_literal": T.INTEGER,
        "float_literal": T.FLOAT,
        "true": T.BOOLEAN,
        "false": T.BOOLEAN,
        "nil": T.NULL,
    },
    wrappers=_WRAPPERS,
    unary="unary_expression",
    binary="binary_expression",
    unary_types={"!": T.BOOLEAN, "-": T.NUMBER, "+": T.NUMBER, "^": T.INTEGER},
    comparisons=_COMPARISON,
    loose_plus=True,
    declarations={"var_spec": "name", "const_spec": "name"},
    bindings={"var_spec": "value", "const_spec": "value"},
    functions=FUNCTIONS,
    blocks=frozenset(("block",)),
    calls=_CALLS,
    methods=_METHODS,
)


class GoExtractor(Extractor):
    grammar = GRAMMAR

    def string_value(self, node: Node) -> str | None:
        node = self.unwrapped(node)
        text = self.text(node)
        if node.type == "raw_string_literal":
            return text[1:-1].replace("\r", "")  # Go drops carriage returns from raw strings
        if node.type == "interpreted_string_literal":
            return python_string(text)
        return None

    def unwrapped(self, node: Node) -> Node:
        # a loop, not recursion: `((((x))))` may be nested thousands deep
        while node.type in _WRAPPERS and node.named_child_count == 1:
            node = node.named_children[0]
        return node

    # -- literals ---------------------------------------------------------------------------

    def literal_body(self, node: Node) -> tuple[Node | None, bool]:
        """A composite literal's element list, and whether it is a map (else a slice)."""
        node = self.unwrapped(node)
        if node.type == "composite_literal":
            kind = node.child_by_field_name("type")
            body = node.child_by_field_name("body")
            if kind is not None and kind.type in ("map_type", *_ARRAY_TYPES):
                return body, kind.type == "map_type"
            # a named type: a map when keyed by strings (`Props{"a": 1}`); a struct's field
            # names are not the keys sent (`json:` tags rename them)
            return (body, True) if body is not None and self.string_keyed(body) else (None, False)
        if node.type == "literal_value":  # an element whose type the outer literal gives
            keyed = any(c.type == "keyed_element" for c in node.named_children)
            return node, keyed
        return None, False

    def string_keyed(self, body: Node) -> bool:
        keys = [self.pair_parts(c)[0] for c in body.named_children if c.type == "keyed_element"]
        return bool(keys) and all(k is not None and self.string_value(k) is not None for k in keys)

    def object_body(self, node: Node) -> Node | None:
        body, is_map = self.literal_body(node)
        return body if is_map else None

    def array_body(self, node: Node) -> Node | None:
        body, is_map = self.literal_body(node)
        return None if is_map else body

    def named_entry(self, key_node: Node, key: str, value: Value) -> Entry:
        return super().named_entry(self.unwrapped(key_node), key, value)

    # -- expressions ------------------------------------------------------------------------

    def annotation_type(self, node: Node, depth: int) -> str:
        if node.type == "map_type":
            return T.OBJECT
        if node.type in _ARRAY_TYPES:
            element = node.child_by_field_name("element")
            inner = self.annotation_type(element, depth + 1) if element is not None else T.UNKNOWN
            return T.array_of(inner)
        return _TYPES.get(self.text(node), T.UNKNOWN)

    # -- declarations ---------------------------------------------------------------------

    def is_declaration(self, node: Node) -> bool:
        """`x := ...` declares the names on its left; `var x = ...` its spec's name."""
        names = node.parent
        short = names.parent if names is not None else None
        if short is not None and short.type == "short_var_declaration" and names is not None:
            left = short.child_by_field_name("left")
            return node.type == "identifier" and left is not None and left.id == names.id
        return super().is_declaration(node)

    def declared_node(self, declaration: Node) -> Node | None:
        names = declaration.parent
        short = names.parent if names is not None else None
        if names is None or short is None or short.type != "short_var_declaration":
            return super().declared_node(declaration)
        index = next(i for i, c in enumerate(names.named_children) if c.id == declaration.id)
        right = short.child_by_field_name("right")
        values = right.named_children if right is not None else []
        return values[index] if index < len(values) else None

    def declared_value(self, declaration: Node, depth: int) -> Value | None:
        names = declaration.parent
        if names is not None and names.type == "expression_list":
            bound = self.declared_node(declaration)
            return self.value(bound, depth) if bound is not None else None
        return super().declared_value(declaration, depth)
