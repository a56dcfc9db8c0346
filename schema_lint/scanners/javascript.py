"""JavaScript, TypeScript and TSX: typing values from tree-sitter nodes."""

from __future__ import annotations

import math
import re
import sys

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.model import Entry, Value
from schema_lint.scanners.code import NUMERIC, Grammar, first_expression, well_formed
from schema_lint.scanners.javascript_types import TypeScriptTypes

FUNCTIONS = frozenset(
    (
        "arrow_function",
        "function_expression",
        "function",
        "generator_function",
        "function_declaration",
        "generator_function_declaration",
        "method_definition",
        "class",
    )
)
_ARITHMETIC = frozenset(("-", "*", "/", "%", "**", "&", "|", "^", "<<", ">>", ">>>"))
_COMPARISON = frozenset(("==", "!=", "===", "!==", "<", ">", "<=", ">=", "instanceof", "in"))
_LOGICAL = frozenset(("&&", "||", "??"))
_CALLS = {
    "String": T.STRING,
    "JSON.stringify": T.STRING,
    "encodeURIComponent": T.STRING,
    "Number": T.NUMBER,
    "parseInt": T.INTEGER,
    "parseFloat": T.NUMBER,
    "Date.now": T.INTEGER,
    "Boolean": T.BOOLEAN,
    "Array.isArray": T.BOOLEAN,
    "isNaN": T.BOOLEAN,
}
_METHODS = {
    "toISOString": T.STRING,
    "toString": T.STRING,
    "toFixed": T.STRING,
    "toJSON": T.STRING,
    "toUpperCase": T.STRING,
    "toLowerCase": T.STRING,
    "trim": T.STRING,
    "join": T.STRING,
    "toLocaleString": T.STRING,
    "toDateString": T.STRING,
    "padStart": T.STRING,
    "getTime": T.INTEGER,
    "indexOf": T.INTEGER,
    "valueOf": T.UNKNOWN,
    "includes": T.BOOLEAN,
    "startsWith": T.BOOLEAN,
    "endsWith": T.BOOLEAN,
    "has": T.BOOLEAN,
    "some": T.BOOLEAN,
    "every": T.BOOLEAN,
    "test": T.BOOLEAN,
}
_ESCAPE = re.compile(
    r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r\n|[\s\S])"
)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(match: re.Match[str]) -> str:
    body = match.group(1)
    if body[0] in "ux" and len(body) > 1:
        point = int(body.strip("u{}x") if body[0] == "u" else body[1:], 16)
        return chr(point) if point <= sys.maxunicode else "\ufffd"  # a SyntaxError in JS
    if body[0] in "01234567":
        return chr(int(body, 8))  # `\0`, and legacy octal escapes such as `\101` ("A")
    if body in ("\n", "\r\n", "\r", "\u2028", "\u2029"):
        return ""
    return _SIMPLE_ESCAPES.get(body, body)


def number_type(text: str) -> str:
    """JS numbers: `1.0` and `1e3` are integers because that is how they serialise."""
    text = text.replace("_", "").lower()
    if text.endswith("n") or text.startswith(("0x", "0o", "0b")):
        return T.INTEGER
    try:
        return T.INTEGER if float(text).is_integer() else T.FLOAT
    except ValueError:
        return T.NUMBER


def number_key(text: str) -> str:
    """The name JavaScript gives a numeric key: `{1.0: x}` is `"1"`, `{0x10: x}` is `"16"`.

    Taken as written, `1.0` would be a dotted key, and its fix would write `1_0`, which is 10.
    """
    clean = text.replace("_", "").lower()
    try:
        if clean.endswith("n"):
            return str(int(clean[:-1], 0))
        value = float(int(clean, 0)) if clean.startswith(("0x", "0o", "0b")) else float(clean)
    except ValueError:
        return text
    if math.isinf(value):
        return "Infinity"
    # Number::toString: the shortest round-trip digits (as in Python's repr), k of them, with
    # the decimal point n digits from their start
    from decimal import Decimal  # only for a number key written in an unusual form

    _, numerals, exponent = Decimal(repr(value)).normalize().as_tuple()
    digits = "".join(map(str, numerals))
    k = len(digits)
    n = k + int(exponent)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return f"0.{'0' * -n}{digits}"
    mantissa = digits[0] + (f".{digits[1:]}" if k > 1 else "")
    return f"{mantissa}e{'+' if n > 0 else '-'}{abs(n - 1)}"


GRAMMAR = Grammar(
    call=frozenset(("call_expression",)),
    member="member_expression",
    member_field="property",
    chain_roots=frozenset(("identifier", "this")),
    argument_spreads=frozenset(("spread_element",)),
    objects=frozenset(("object",)),
    object_spreads=frozenset(("spread_element",)),
    arrays=frozenset(("array",)),
    array_skips=frozenset(("comment", "spread_element")),
    strings=frozenset(("string", "template_string")),
    key_wrappers=frozenset(("string",)),
    numbers=frozenset(("number",)),
    fixed={"true": T.BOOLEAN, "false": T.BOOLEAN, "null": T.NULL},
    absent=FUNCTIONS | {"undefined"},
    wrappers=frozenset(
        (
            "parenthesized_expression",
            "non_null_expression",
            "satisfies_expression",
            "await_expression",
        )
    ),
    declarations={
        "variable_declarator": "name",
        "function_declaration": "name",
        "required_parameter": "pattern",
        "optional_parameter": "pattern",
    },
    bindings={"variable_declarator": "value"},
    functions=FUNCTIONS,
    blocks=frozenset(("statement_block",)),
    subscript="subscript_expression",
    type_declarations={
        "interface_declaration": "name",
        "type_alias_declaration": "name",
        "enum_declaration": "name",
        "class_declaration": "name",
        "abstract_class_declaration": "name",
    },
    calls=_CALLS,
    methods=_METHODS,
    numeric_modules=frozenset(("Math",)),
    type_names=frozenset(("type_identifier", "nested_type_identifier")),
    annotation="type_annotation",
    classes=frozenset(("class_declaration", "class")),
)


class JavaScriptExtractor(TypeScriptTypes):
    grammar = GRAMMAR

    # -- calls ----------------------------------------------------------------------------

    def other_property(self, child: Node, name: str) -> Node | None:
        if child.type == "shorthand_property_identifier" and self.text(child) == name:
            return child
        return None

    def string_value(self, node: Node) -> str | None:
        # a loop, not recursion: `((((('x')))))` may be nested thousands deep
        while node.type in ("as_expression", "satisfies_expression", "parenthesized_expression"):
            inner = first_expression(node)
            if inner is None:
                return None
            node = inner
        if node.type == "string" or (
            node.type == "template_string"
            and not any(c.type == "template_substitution" for c in node.named_children)
        ):
            return well_formed(_ESCAPE.sub(_unescape, self.text(node)[1:-1]))
        return None

    def key_name(self, key: Node) -> str | None:
        if key.type in ("property_identifier", "private_property_identifier"):
            return self.text(key)
        if key.type == "number":
            return number_key(self.text(key))
        if key.type == "computed_property_name":
            inner = first_expression(key)
            return self.string_value(inner) if inner is not None else None
        return self.string_value(key)

    # -- values ---------------------------------------------------------------------------

    def identifier_value(self, node: Node, depth: int) -> Value | None:
        if self.text(node) == "undefined":
            return None
        return self.resolve(node, depth + 1)

    def wrapped_value(self, node: Node, inner: Node, depth: int) -> Value | None:
        found = self.value(inner, depth + 1)
        if node.type == "await_expression" and found is not None and found.type != T.OBJECT:
            return Value(T.UNKNOWN, self.span(node))
        return found

    def other_value(self, node: Node, depth: int) -> Value | None:
        if node.type in ("as_expression", "type_assertion"):
            return self.asserted(node, depth)
        if node.type in ("member_expression", "subscript_expression"):
            found = self.member_value(node, depth)
            if found is not None:
                return found
        return super().other_value(node, depth)

    def number_type(self, node: Node) -> str:
        return number_type(self.text(node))

    def expression_type(self, node: Node, depth: int) -> str:
        kind = node.type
        if kind == "unary_expression":
            operator = self.text(node.child_by_field_name("operator") or node)
            return {
                "!": T.BOOLEAN,
                "typeof": T.STRING,
                "-": T.NUMBER,
                "+": T.NUMBER,
                "~": T.INTEGER,
            }.get(operator, T.UNKNOWN)
        if kind == "binary_expression":
            return self.binary_type(node, depth)
        if kind == "ternary_expression":
            return T.agreed(self.side_types(node, ("consequence", "alternative"), depth))
        if kind == "new_expression":
            constructor = node.child_by_field_name("constructor")
            return (
                T.STRING
                if constructor is not None and self.text(constructor) == "Date"
                else T.UNKNOWN
            )
        if kind == "member_expression":
            prop = node.child_by_field_name("property")
            return T.INTEGER if prop is not None and self.text(prop) == "length" else T.UNKNOWN
        return T.UNKNOWN

    def binary_type(self, node: Node, depth: int) -> str:
        operator = self.text(node.child_by_field_name("operator") or node)
        if operator in _COMPARISON:
            return T.BOOLEAN
        if operator in _ARITHMETIC:
            return T.NUMBER
        types = self.side_types(node, ("left", "right"), depth)
        if operator == "+":
            if T.STRING in types:
                return T.STRING
            numeric = all(t in NUMERIC for t in types)
            return T.NUMBER if numeric else T.UNKNOWN
        return T.agreed(types) if operator in _LOGICAL else T.UNKNOWN

    def asserted(self, node: Node, depth: int) -> Value:
        """`x as T` and `<T>x`: an object keeps its keys, as they are what is sent; anything
        else takes the asserted type (its own type after `as const`)."""
        expression = next(
            (c for c in node.named_children if c.type not in ("type_arguments", "comment")), None
        )
        if node.type == "type_assertion":
            args = next((c for c in node.named_children if c.type == "type_arguments"), None)
            target = args.named_children[0] if args is not None and args.named_children else None
        else:
            target = node.named_children[-1] if len(node.named_children) > 1 else None
        inner = self.value(expression, depth + 1) if expression is not None else None
        if inner is not None and inner.type == T.OBJECT:
            return inner
        if target is None or self.text(target) == "const":
            type_ = inner.type if inner is not None else T.UNKNOWN
        else:
            type_ = self.annotation_type(target, depth + 1)
        return Value(type_, self.span(node))

    def named_entry(self, key_node: Node, key: str, value: Value) -> Entry:
        quoted = key_node.type in ("string", "computed_property_name")
        if key_node.type == "computed_property_name":
            key_node = first_expression(key_node) or key_node
        return self.key_entry(key_node, key, value, quoted)

    def other_entries(self, child: Node, depth: int) -> list[Entry]:
        if child.type != "shorthand_property_identifier":
            return []
        found = self.resolve(child, depth + 1)
        return [] if found is None else [self.key_entry(child, self.text(child), found, False)]

    # -- callbacks --------------------------------------------------------------------------

    def callback_function(self, name_node: Node) -> Node | None:
        parent = name_node.parent
        if parent is None:
            return None
        if parent.type == "method_definition":
            return parent
        if name_node.type == "shorthand_property_identifier":
            target: Node | None = name_node
        elif parent.type == "pair" and name_node.type == "property_identifier":
            target = parent.child_by_field_name("value")
        else:
            return None
        if target is not None and target.type in ("identifier", "shorthand_property_identifier"):
            declaration = self.declaration_before(target)
            target = self.declared_node(declaration) if declaration is not None else None
        return target if target is not None and target.type in FUNCTIONS else None

    # -- lookups for receivers and wrappers (schema_lint.wrappers) ----------------------------

    def constructed(self, node: Node) -> str | None:
        """The class or factory an expression is built by: `new PostHog(k)`, `Mixpanel.init(t)`."""
        if node.type == "new_expression":
            constructor = node.child_by_field_name("constructor")
            return self.text(constructor) if constructor is not None else None
        if node.type == "call_expression":
            return ".".join(self.callee_chain(node)) or None
        return None

    def unwrapped(self, node: Node) -> Node:
        while node.type in _WRAPPING and (inner := first_expression(node)) is not None:
            node = inner
        return node

    def declaration_sources(self, declaration: Node) -> tuple[Node | None, Node | None]:
        """(initializer, type annotation) of a declared name."""
        parent = declaration.parent
        if parent is None or parent.type == "function_declaration":
            return None, None
        return parent.child_by_field_name("value"), parent.child_by_field_name("type")

    def self_member(self, node: Node) -> str | None:
        """`x` for `this.x`."""
        if node.type != "member_expression":
            return None
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        return self.text(prop) if obj is not None and obj.type == "this" and prop else None

    def field_sources(self, cls: Node, name: str) -> list[Node]:
        """Initializers and type annotations of field `name` of a class: `private x: T`,
        `x = new T()`, constructor `private x: T`, `this.x = new T()`."""
        found: list[Node] = []
        for use in self.tokens(name, cls):
            parent = use.parent
            if parent is None:
                continue
            if parent.type in ("public_field_definition", "required_parameter"):
                found.extend(
                    n for f in ("value", "type") if (n := parent.child_by_field_name(f)) is not None
                )
            elif self.self_member(parent) == name and parent.parent is not None:
                holder = parent.parent
                right = holder.child_by_field_name("right")
                if holder.type == "assignment_expression" and right is not None:
                    found.append(right)
        return found

    def is_this(self, node: Node) -> bool:
        return node.type == "this"

    def function_of(self, node: Node) -> Node | None:
        """The closest enclosing function, unless a class comes first."""
        parent = node.parent
        while parent is not None and parent.type not in FUNCTIONS:
            parent = parent.parent
        return parent if parent is not None and parent.type != "class" else None

    def function_name(self, function: Node) -> tuple[str, str | None] | None:
        """(name, class name for a method) of a function that can be called by name."""
        if function.type in ("function_declaration", "method_definition"):
            name = function.child_by_field_name("name")
            if name is None:
                return None
            cls = self.enclosing_class(function) if function.type == "method_definition" else None
            return self.text(name), self.class_name(cls) if cls is not None else None
        holder = function.parent
        if holder is not None and holder.type == "variable_declarator":
            name = holder.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                return self.text(name), None
        return None

    def parameters(self, function: Node) -> list[tuple[str | None, str]]:
        """(name, kind) per parameter in order: kind is positional or rest; a destructured
        parameter has no name."""
        single = function.child_by_field_name("parameter")
        if single is not None:
            return [(self.text(single), "positional")]
        params = function.child_by_field_name("parameters")
        found: list[tuple[str | None, str]] = []
        for child in params.named_children if params is not None else []:
            node = child.child_by_field_name("pattern") or child
            if node.type == "assignment_pattern":
                node = node.child_by_field_name("left") or node
            if node.type == "rest_pattern":
                found.append((None, "rest"))
            elif child.type != "comment":
                found.append((self.text(node) if node.type == "identifier" else None, "positional"))
        return found

    def member_of(self, node: Node) -> tuple[Node, str] | None:
        """(object, property) of `obj.prop`."""
        if node.type != "member_expression":
            return None
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        return (obj, self.text(prop)) if obj is not None and prop is not None else None

    def imports(self) -> list[tuple[str, str, str]]:
        """(local name, module specifier, imported name) of `import {a as b} from 'm'`."""
        found: list[tuple[str, str, str]] = []
        for statement in self.tree.root_node.named_children:
            if statement.type == "export_statement":
                continue
            source = statement.child_by_field_name("source")
            if statement.type != "import_statement" or source is None:
                continue
            module = self.string_value(source)
            clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
            for spec in _specifiers(clause):
                name = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias") or name
                if module is not None and name is not None and alias is not None:
                    found.append((self.text(alias), module, self.text(name)))
        return found

    def top_level(self) -> list[tuple[Node, Node | None]]:
        found: list[tuple[Node, Node | None]] = []
        for statement in self.tree.root_node.named_children:
            if statement.type == "export_statement":
                statement = statement.child_by_field_name("declaration") or statement
            if statement.type == "function_declaration":
                name = statement.child_by_field_name("name")
                found.extend([(name, statement)] if name is not None else [])
            elif statement.type in ("lexical_declaration", "variable_declaration"):
                for declarator in statement.named_children:
                    name = declarator.child_by_field_name("name")
                    value = declarator.child_by_field_name("value")
                    if name is not None and name.type == "identifier":
                        function = value if value is not None and value.type in FUNCTIONS else None
                        found.append((name, function))
        return found


_WRAPPING = frozenset(
    ("await_expression", "non_null_expression", "parenthesized_expression", "as_expression")
)


def _specifiers(clause: Node | None) -> list[Node]:
    named = [c for c in clause.named_children if c.type == "named_imports"] if clause else []
    return [s for group in named for s in group.named_children if s.type == "import_specifier"]
