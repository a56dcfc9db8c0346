"""Python: typing values from tree-sitter-python nodes (the running interpreter's grammar
does not matter, and scanned code is never imported or executed)."""

from __future__ import annotations

import ast
import warnings
from dataclasses import replace

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.model import Entry, Value
from schema_lint.scanners.code import Extractor, first_expression, walk_returns, well_formed

FUNCTIONS = frozenset(("function_definition", "lambda", "class_definition"))
_CALLS = {
    "str": T.STRING,
    "repr": T.STRING,
    "json.dumps": T.STRING,
    "format": T.STRING,
    "int": T.INTEGER,
    "len": T.INTEGER,
    "round": T.INTEGER,
    "float": T.FLOAT,
    "sum": T.NUMBER,
    "abs": T.NUMBER,
    "time.time": T.FLOAT,
    "bool": T.BOOLEAN,
    "isinstance": T.BOOLEAN,
    "list": T.ARRAY_UNKNOWN,
    "sorted": T.ARRAY_UNKNOWN,
}
_METHODS = {
    "isoformat": T.STRING,
    "strftime": T.STRING,
    "format": T.STRING,
    "join": T.STRING,
    "upper": T.STRING,
    "lower": T.STRING,
    "strip": T.STRING,
    "title": T.STRING,
    "replace": T.STRING,
    "hex": T.STRING,
    "decode": T.STRING,
    "startswith": T.BOOLEAN,
    "endswith": T.BOOLEAN,
    "isdigit": T.BOOLEAN,
    "count": T.INTEGER,
    "index": T.INTEGER,
    "timestamp": T.FLOAT,
}
_ANNOTATIONS = {
    "str": T.STRING,
    "int": T.INTEGER,
    "float": T.FLOAT,
    "bool": T.BOOLEAN,
    "dict": T.OBJECT,
    "Dict": T.OBJECT,
    "list": T.ARRAY_UNKNOWN,
    "List": T.ARRAY_UNKNOWN,
}
_ARITHMETIC = frozenset(("-", "*", "/", "//", "**", "&", "|", "^", "<<", ">>", "@"))


class PythonExtractor(Extractor):
    language = "python"
    callback_name = "GET_METADATA"
    call_type_name = "call"
    member_type = "attribute"
    member_field = "attribute"
    chain_roots = frozenset(("identifier",))

    # -- calls ----------------------------------------------------------------------------

    def arguments(self, call: Node) -> tuple[list[Node], dict[str, Node]]:
        args = call.child_by_field_name("arguments")
        positional: list[Node] = []
        keywords: dict[str, Node] = {}
        stopped = False
        for child in args.named_children if args is not None else []:
            if child.type == "keyword_argument":
                name, value = child.child_by_field_name("name"), child.child_by_field_name("value")
                if name is not None and value is not None:
                    keywords[self.text(name)] = value
            elif child.type in ("list_splat", "dictionary_splat"):
                stopped = True
            elif child.type != "comment" and not stopped:
                positional.append(child)
        return positional, keywords

    def object_property(self, obj: Node, name: str) -> Node | None:
        if obj.type != "dictionary":
            return None
        found = None
        for child in obj.named_children:
            key = child.child_by_field_name("key") if child.type == "pair" else None
            if key is not None and self.string_value(key) == name:
                found = child.child_by_field_name("value")
        return found

    def object_of_key(self, name_node: Node, key: str) -> Node | None:
        string = name_node.parent
        pair = string.parent if string is not None else None
        if string is None or pair is None or pair.type != "pair":
            return None
        key_node = pair.child_by_field_name("key")
        if key_node is None or key_node.id != string.id or self.string_value(string) != key:
            return None
        return pair.parent

    def string_value(self, node: Node) -> str | None:
        parts = node.named_children if node.type == "concatenated_string" else [node]
        texts = [self.literal_string(part) for part in parts]
        # joined before pairing: `'\ud83d' '\ude00'` is one emoji once sent as JSON
        return None if None in texts else well_formed("".join(t for t in texts if t is not None))

    def literal_string(self, node: Node) -> str | None:
        if node.type != "string" or any(c.type == "interpolation" for c in node.named_children):
            return None
        try:
            with warnings.catch_warnings():
                # `'\d'` would print a SyntaxWarning (Python 3.12+) for every key scanned
                warnings.simplefilter("ignore")
                literal = ast.literal_eval(self.text(node))
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
        return literal if isinstance(literal, str) else None

    # -- values ---------------------------------------------------------------------------

    def value(self, node: Node, depth: int = 0) -> Value | None:
        if self.over_limit(node, depth):
            return Value(T.UNKNOWN, self.span(node))
        kind = node.type
        if kind == "dictionary":
            return self.make_object(node, self.entries(node, depth))
        if kind in ("list", "tuple"):
            items = [
                v
                for c in node.named_children
                if c.type not in ("comment", "list_splat")
                if (v := self.value(c, depth + 1)) is not None
            ]
            return self.make_array(node, items)
        if kind == "identifier":
            return self.resolve(node, depth + 1)
        if (
            kind == "parenthesized_expression"
            and (expression := first_expression(node)) is not None
        ):
            return self.value(expression, depth + 1)
        if kind == "call" and self.callee_chain(node) == ["dict"]:
            _, keywords = self.arguments(node)
            return self.make_object(node, self.keyword_entries(keywords, depth))
        return Value(self.scalar_type(node, depth), self.span(node))

    def scalar_type(self, node: Node, depth: int) -> str:
        kind = node.type
        simple = {
            "concatenated_string": T.STRING,
            "integer": T.INTEGER,
            "float": T.FLOAT,
            "true": T.BOOLEAN,
            "false": T.BOOLEAN,
            "none": T.NULL,
            "not_operator": T.BOOLEAN,
            "comparison_operator": T.BOOLEAN,
            "list_comprehension": T.ARRAY_UNKNOWN,
            "dictionary_comprehension": T.OBJECT,
        }
        if kind in simple:
            return simple[kind]
        if kind == "string":
            start = node.named_children[0] if node.named_children else None
            prefix = self.text(start).lower() if start is not None else ""
            return T.UNKNOWN if "b" in prefix else T.STRING
        if kind == "unary_operator":
            return T.NUMBER
        if kind == "binary_operator":
            return self.binary_type(node, depth)
        if kind in ("boolean_operator", "conditional_expression"):
            operands = [c for c in node.named_children if c.type != "comment"]
            if kind == "conditional_expression" and len(operands) == 3:
                operands = [operands[0], operands[2]]
            found = {
                v.type if v is not None else T.UNKNOWN
                for v in (self.value(c, depth + 1) for c in operands)
            }
            return found.pop() if len(found) == 1 else T.UNKNOWN
        if kind == "call":
            return self.call_type(node)
        return T.UNKNOWN

    def binary_type(self, node: Node, depth: int) -> str:
        operator = self.text(node.child_by_field_name("operator") or node)
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        types = [
            (v.type if v is not None else T.UNKNOWN)
            for v in (self.value(n, depth + 1) if n is not None else None for n in (left, right))
        ]
        if operator in _ARITHMETIC:
            return T.NUMBER
        if operator == "%":
            return T.STRING if types[0] == T.STRING else T.NUMBER
        if operator == "+":
            if types[0] == types[1] == T.STRING:
                return T.STRING
            if all(t in (T.NUMBER, T.INTEGER, T.FLOAT) for t in types):
                return T.NUMBER
        return T.UNKNOWN

    def call_type(self, node: Node) -> str:
        chain = self.callee_chain(node)
        dotted = ".".join(chain)
        if dotted in _CALLS:
            return _CALLS[dotted]
        function = node.child_by_field_name("function")
        if function is not None and function.type == "attribute":
            return _METHODS.get(chain[-1], T.UNKNOWN)
        return T.UNKNOWN

    def entries(self, node: Node, depth: int) -> list[Entry]:
        entries: list[Entry] = []
        for child in node.named_children:
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                value_node = child.child_by_field_name("value")
                key = self.string_value(key_node) if key_node is not None else None
                if key is None or key_node is None or value_node is None:
                    continue
                found = self.value(value_node, depth + 1)
                if found is not None:
                    entries.append(self.string_key_entry(key_node, key, found))
            elif (
                child.type == "dictionary_splat"
                and (expression := first_expression(child)) is not None
            ):
                spread = self.value(expression, depth + 1)
                if spread is not None and spread.type == T.OBJECT:
                    entries.extend(spread.entries)
        return entries

    def string_key_entry(self, key_node: Node, key: str, value: Value) -> Entry:
        """Quote characters differ in Python (prefixes, triple quotes): find the content."""
        parts = [c for c in key_node.named_children if c.type == "string_content"]
        if key_node.type == "string" and len(parts) == 1:
            content = parts[0]
            entry = self.key_entry(key_node, key, value, quoted=False)
            return replace(entry, name_span=self.span(content))
        return self.key_entry(key_node, key, value, quoted=False)

    def keyword_entries(self, keywords: dict[str, Node], depth: int) -> list[Entry]:
        entries = []
        for name, value_node in keywords.items():
            found = self.value(value_node, depth + 1)
            # the argument's name field, not the node before the value: that may be a comment
            argument = value_node.parent
            name_node = argument.child_by_field_name("name") if argument is not None else None
            if found is not None and name_node is not None:
                entries.append(self.key_entry(name_node, name, found, quoted=False))
        return entries

    # -- same-file declarations -------------------------------------------------------------

    def is_declaration(self, node: Node) -> bool:
        parent = node.parent
        if parent is None or node.type != "identifier":
            return False
        if parent.type in ("assignment", "function_definition", "typed_default_parameter"):
            name = parent.child_by_field_name("left") or parent.child_by_field_name("name")
            return name is not None and name.id == node.id
        return parent.type == "typed_parameter" and parent.named_children[0].id == node.id

    def declared_node(self, declaration: Node) -> Node | None:
        parent = declaration.parent
        if parent is not None and parent.type == "assignment":
            return parent.child_by_field_name("right")
        return parent

    def annotation_type(self, node: Node, depth: int = 0) -> str:
        text = self.text(node).strip()
        base, _, rest = text.partition("[")
        if base in ("list", "List") and rest.endswith("]"):
            return T.array_of(_ANNOTATIONS.get(rest[:-1].strip(), T.UNKNOWN))
        return _ANNOTATIONS.get(base.strip(), T.UNKNOWN)

    # -- callbacks --------------------------------------------------------------------------

    def callback_function(self, name_node: Node) -> Node | None:
        holder = name_node.parent
        if holder is not None and holder.type == "string":
            pair = holder.parent
            target = pair.child_by_field_name("value") if pair and pair.type == "pair" else None
        elif holder is not None and holder.type in ("keyword_argument", "assignment"):
            target = holder.child_by_field_name("value") or holder.child_by_field_name("right")
        else:
            return None
        if target is not None and target.type == "identifier":
            declaration = self.declaration_before(target)
            target = self.declared_node(declaration) if declaration is not None else None
        return (
            target
            if target is not None and target.type in ("function_definition", "lambda")
            else None
        )

    def returned_values(self, function: Node) -> list[Node]:
        body = function.child_by_field_name("body")
        if body is None:
            return []
        if function.type == "lambda":
            return [body]
        return walk_returns(body, "return_statement", FUNCTIONS)
