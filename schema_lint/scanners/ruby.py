"""Ruby: hashes with symbol or string keys, typed as `to_json` sends them.

Symbol keys and symbol values become strings (`{plan: :pro}` sends `{"plan": "pro"}`), and
a call's trailing `key: value` arguments are its keyword arguments, so a signature such as
`analytics.track(user_id, event=EVENT, properties=METADATA)` reads
`analytics.track(user_id: id, event: 'X', properties: { ... })`; together they are also one
hash argument, so `Moesif.track(EVENT, METADATA)` reads `Moesif.track('X', plan: 'pro')`.
"""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.model import Entry, Value
from schema_lint.scanners.code import Extractor, Grammar, python_string, single_quoted

FUNCTIONS = frozenset(("method", "singleton_method", "lambda", "block", "do_block"))
_SYMBOLS = frozenset(("simple_symbol", "delimited_symbol", "hash_key_symbol"))
_COMPARISON = frozenset(("==", "!=", "<", ">", "<=", ">=", "&&", "||", "and", "or", "=~"))
_METHODS = {
    "to_s": T.STRING,
    "to_json": T.STRING,
    "iso8601": T.STRING,
    "strftime": T.STRING,
    "upcase": T.STRING,
    "downcase": T.STRING,
    "strip": T.STRING,
    "join": T.STRING,
    "to_i": T.INTEGER,
    "size": T.INTEGER,
    "length": T.INTEGER,
    "count": T.INTEGER,
    "to_f": T.FLOAT,
    "nil?": T.BOOLEAN,
    "empty?": T.BOOLEAN,
    "present?": T.BOOLEAN,
    "include?": T.BOOLEAN,
}

GRAMMAR = Grammar(
    call=frozenset(("call",)),
    member="call",
    member_field="method",
    object_field="receiver",
    function_field="receiver",
    chain_roots=frozenset(("identifier", "constant", "instance_variable")),
    argument_spreads=frozenset(("splat_argument", "hash_splat_argument", "block_argument")),
    objects=frozenset(("hash",)),
    object_spreads=frozenset(("hash_splat_argument",)),
    arrays=frozenset(("array", "string_array", "symbol_array")),
    array_skips=frozenset(("comment", "splat_argument")),
    strings=frozenset(("string", "bare_string", "bare_symbol", *_SYMBOLS)),
    key_wrappers=frozenset(("string",)),
    fixed={
        "integer": T.INTEGER,
        "float": T.FLOAT,
        "true": T.BOOLEAN,
        "false": T.BOOLEAN,
        "nil": T.NULL,
    },
    wrappers=frozenset(("parenthesized_statements",)),
    unary="unary",
    binary="binary",
    unary_types={"!": T.BOOLEAN, "not": T.BOOLEAN, "-": T.NUMBER},
    comparisons=_COMPARISON,
    declarations={"assignment": "left"},
    bindings={"assignment": "right"},
    functions=FUNCTIONS,
    returns="return",
    methods=_METHODS,
)


class RubyExtractor(Extractor):
    grammar = GRAMMAR

    # -- calls: `recv.name(args)` is one node, with the name in its `method` field -----------

    def call_of(self, name_node: Node) -> Node | None:
        return self.named_call(name_node, "method")

    def callee_chain(self, call: Node) -> list[str]:
        return self.receiver_chain(call, self.grammar.call, ("method",), ("receiver",))

    def is_method_call(self, call: Node) -> bool:
        return call.child_by_field_name("receiver") is not None

    def arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        """Trailing `key: value` arguments are keywords, and together one hash argument."""
        positional, keywords = super().arguments(call)
        args = call.child_by_field_name("arguments")
        if keywords and args is not None:
            positional.append(args)  # typed as a hash by `object_body`
        return positional, keywords

    def object_body(self, node: Node) -> Node | None:
        if node.type == "argument_list":
            return node if any(c.type == "pair" for c in node.named_children) else None
        return super().object_body(node)

    def keyword_argument(self, argument: Node) -> tuple[str, Node] | None:
        key, value = self.pair_parts(argument) if argument.type == "pair" else (None, None)
        name = self.key_name(key) if key is not None else None
        return None if name is None or value is None else (name, value)

    # -- strings and symbols ------------------------------------------------------------------

    def string_value(self, node: Node) -> str | None:
        kind = node.type
        if any(c.type == "interpolation" for c in node.named_children):
            return None
        text = self.text(node)
        if kind in ("hash_key_symbol", "bare_string", "bare_symbol"):
            return text
        if kind == "simple_symbol":
            return text[1:]
        if kind == "delimited_symbol":
            text = text[1:]
        elif kind != "string":
            return None
        if text.startswith("'"):  # only `\\` and `\'` are escapes in single quotes
            return single_quoted(text)
        return python_string(text) if text.startswith('"') else None

    def named_entry(self, key_node: Node, key: str, value: Value) -> Entry:
        entry = super().named_entry(key_node, key, value)
        if key_node.type != "simple_symbol":
            return entry
        start, end = key_node.start_point, key_node.end_point
        name_span = self.source.span((start[0], start[1] + 1), end)  # `:tier` is named `tier`
        return replace(entry, name_span=name_span)
