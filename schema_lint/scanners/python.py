"""Python: typing values from tree-sitter-python nodes (the running interpreter's grammar
does not matter, and scanned code is never imported or executed)."""

from __future__ import annotations

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.model import Entry, Value
from schema_lint.scanners.code import (
    NUMERIC,
    Grammar,
    first_expression,
    python_string,
    well_formed,
)
from schema_lint.scanners.python_types import PythonTypes

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
_ARITHMETIC = frozenset(("-", "*", "/", "//", "**", "&", "|", "^", "<<", ">>", "@"))


GRAMMAR = Grammar(
    call=frozenset(("call",)),
    member="attribute",
    member_field="attribute",
    argument_spreads=frozenset(("list_splat", "dictionary_splat")),
    objects=frozenset(("dictionary",)),
    object_spreads=frozenset(("dictionary_splat",)),
    arrays=frozenset(("list", "tuple")),
    array_skips=frozenset(("comment", "list_splat")),
    strings=frozenset(("string",)),
    key_wrappers=frozenset(("string",)),
    fixed={
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
    },
    wrappers=frozenset(("parenthesized_expression",)),
    declarations={
        "assignment": "left",
        "function_definition": "name",
        "typed_default_parameter": "name",
        "typed_parameter": "",
    },
    bindings={"assignment": "right"},
    functions=FUNCTIONS,
    blocks=frozenset(("block",)),
    subscript="subscript",
    subscript_fields=("value", "subscript"),
    type_declarations={"class_definition": "name"},
    calls=_CALLS,
    methods=_METHODS,
    type_names=frozenset(("identifier", "attribute")),
    annotation="type",
    classes=frozenset(("class_definition",)),
)


class PythonExtractor(PythonTypes):
    grammar = GRAMMAR

    # -- calls ----------------------------------------------------------------------------

    def keyword_argument(self, argument: Node) -> tuple[str, Node] | None:
        if argument.type != "keyword_argument":
            return None
        name, value = argument.child_by_field_name("name"), argument.child_by_field_name("value")
        return None if name is None or value is None else (self.text(name), value)

    def string_value(self, node: Node) -> str | None:
        parts = node.named_children if node.type == "concatenated_string" else [node]
        texts = [self.literal_string(part) for part in parts]
        # joined before pairing: `'\ud83d' '\ude00'` is one emoji once sent as JSON
        return None if None in texts else well_formed("".join(t for t in texts if t is not None))

    def literal_string(self, node: Node) -> str | None:
        if node.type != "string" or any(c.type == "interpolation" for c in node.named_children):
            return None
        return python_string(self.text(node))

    # -- values ---------------------------------------------------------------------------

    def other_value(self, node: Node, depth: int) -> Value | None:
        if node.type == "call" and self.callee_chain(node) == ["dict"]:
            _, keywords = self.arguments(node)
            return self.make_object(node, self.keyword_entries(keywords, depth))
        if node.type in ("attribute", "subscript"):
            found = self.member_value(node, depth)
            if found is not None:
                return found
        return super().other_value(node, depth)

    def string_type(self, node: Node) -> str:
        start = node.named_children[0] if node.named_children else None
        prefix = self.text(start).lower() if start is not None else ""
        return T.UNKNOWN if "b" in prefix else T.STRING

    def expression_type(self, node: Node, depth: int) -> str:
        kind = node.type
        if kind == "unary_operator":
            return T.NUMBER
        if kind == "binary_operator":
            return self.binary_type(node, depth)
        if kind in ("boolean_operator", "conditional_expression"):
            operands = [c for c in node.named_children if c.type != "comment"]
            if kind == "conditional_expression" and len(operands) == 3:
                operands = [operands[0], operands[2]]
            found = (self.value(c, depth + 1) for c in operands)
            return T.agreed(v.type if v is not None else T.UNKNOWN for v in found)
        return T.UNKNOWN

    def binary_type(self, node: Node, depth: int) -> str:
        operator = self.text(node.child_by_field_name("operator") or node)
        types = self.side_types(node, ("left", "right"), depth)
        if operator in _ARITHMETIC:
            return T.NUMBER
        if operator == "%":
            return T.STRING if types[0] == T.STRING else T.NUMBER
        if operator == "+":
            if types[0] == types[1] == T.STRING:
                return T.STRING
            if all(t in NUMERIC for t in types):
                return T.NUMBER
        return T.UNKNOWN

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

    # -- lookups for receivers and wrappers (schema_lint.wrappers) ----------------------------

    def constructed(self, node: Node) -> str | None:
        """The class or factory an expression is built by: `Posthog(key)`, `Mixpanel(t)`."""
        return ".".join(self.callee_chain(node)) or None if node.type == "call" else None

    def unwrapped(self, node: Node) -> Node:
        while node.type in ("await", "parenthesized_expression") and (
            inner := first_expression(node)
        ):
            node = inner
        return node

    def declaration_sources(self, declaration: Node) -> tuple[Node | None, Node | None]:
        """(initializer, type annotation) of a declared name."""
        parent = declaration.parent
        if parent is None or parent.type == "function_definition":
            return None, None
        value = parent.child_by_field_name("right") or parent.child_by_field_name("value")
        return value, parent.child_by_field_name("type")

    def self_member(self, node: Node) -> str | None:
        """`x` for `self.x`."""
        member = self.member_of(node)
        if member is None or member[0].type != "identifier" or self.text(member[0]) != "self":
            return None
        return member[1]

    def field_sources(self, cls: Node, name: str) -> list[Node]:
        """Values and annotations of `self.x = T()`, `self.x: T` and class-level `x: T`."""
        found: list[Node] = []
        for use in self.tokens(name, cls):
            holder = use.parent
            if holder is not None and self.self_member(holder) == name:
                holder = holder.parent
            if holder is None or holder.type != "assignment":
                continue
            left = holder.child_by_field_name("left")
            if left is not None and (left.id == use.id or self.self_member(left) == name):
                found.extend(
                    n for f in ("right", "type") if (n := holder.child_by_field_name(f)) is not None
                )
        return found

    def is_this(self, node: Node) -> bool:
        return node.type == "identifier" and self.text(node) == "self"

    def function_of(self, node: Node) -> Node | None:
        """The closest enclosing function, unless a class comes first."""
        parent = node.parent
        while parent is not None and parent.type not in FUNCTIONS:
            parent = parent.parent
        return parent if parent is not None and parent.type == "function_definition" else None

    def function_name(self, function: Node) -> tuple[str, str | None] | None:
        """(name, class name for a method)."""
        name = function.child_by_field_name("name")
        if name is None:
            return None
        holder = function.parent
        if holder is not None and holder.type == "decorated_definition":
            holder = holder.parent
        cls = holder.parent if holder is not None and holder.type == "block" else None
        owner = self.class_name(cls) if cls is not None and cls.type == "class_definition" else None
        return self.text(name), owner

    def parameters(self, function: Node) -> list[tuple[str | None, str]]:
        """(name, kind) per parameter: positional, keyword (after `*`) or rest; a method's
        `self` or `cls` is left out."""
        params = function.child_by_field_name("parameters")
        found: list[tuple[str | None, str]] = []
        kind = "positional"
        for child in params.named_children if params is not None else []:
            if child.type in ("list_splat_pattern", "keyword_separator"):
                kind = "keyword"
                continue
            if child.type == "dictionary_splat_pattern":
                break
            name = child if child.type == "identifier" else None
            if child.type in ("default_parameter", "typed_default_parameter"):
                name = child.child_by_field_name("name")
            elif child.type == "typed_parameter":
                name = next((c for c in child.named_children if c.type == "identifier"), None)
            if child.type not in ("comment", "positional_separator"):
                found.append((self.text(name) if name is not None else None, kind))
        if found and found[0][0] in ("self", "cls") and self.function_name(function):
            owner = self.function_name(function)
            if owner is not None and owner[1] is not None:
                found = found[1:]
        return found

    def member_of(self, node: Node) -> tuple[Node, str] | None:
        """(object, attribute) of `obj.attr`."""
        if node.type != "attribute":
            return None
        obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
        return (obj, self.text(attr)) if obj is not None and attr is not None else None

    def imports(self) -> list[tuple[str, str, str]]:
        """(local name, module, imported name) of `from m import a as b` at module level."""
        found: list[tuple[str, str, str]] = []
        for statement in self.tree.root_node.named_children:
            module = statement.child_by_field_name("module_name")
            if statement.type != "import_from_statement" or module is None:
                continue
            for child in statement.children_by_field_name("name"):
                aliased = child.type == "aliased_import"
                name = child.child_by_field_name("name") if aliased else child
                alias = child.child_by_field_name("alias") if aliased else name
                if name is not None and alias is not None:
                    found.append((self.text(alias), self.text(module), self.text(name)))
        return found

    def top_level(self) -> list[tuple[Node, Node | None]]:
        found: list[tuple[Node, Node | None]] = []
        for statement in self.tree.root_node.named_children:
            if statement.type == "decorated_definition":
                statement = statement.child_by_field_name("definition") or statement
            if statement.type == "function_definition":
                name = statement.child_by_field_name("name")
                found.extend([(name, statement)] if name is not None else [])
            elif statement.type == "expression_statement" and statement.named_children:
                assignment = statement.named_children[0]
                left = assignment.child_by_field_name("left")
                if assignment.type == "assignment" and left and left.type == "identifier":
                    found.append((left, None))
        return found
