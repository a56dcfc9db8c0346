"""TypeScript's declared types and JSDoc, read for typing values (see declared.py).

Interfaces, type aliases, classes and enums declared in the same file give their members'
types; `T | null | undefined` is `T`; `Partial<T>` and friends have `T`'s members. In `.js`
files a `/** @type {T} */`, `@param {T} name` or `@returns {T}` comment stands for the
annotation: its type is parsed with the TypeScript grammar, so its syntax is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from tree_sitter import Node, Tree

from schema_lint import typing_ as T
from schema_lint.limits import MAX_DEPTH
from schema_lint.scanners.code import first_expression
from schema_lint.scanners.declared import (
    HOPS,
    IMPORTED_TYPE,
    MEMBER,
    TYPE,
    VALUE,
    DeclaredTypes,
    Shape,
)

_PREDEFINED = {"string": T.STRING, "number": T.NUMBER, "boolean": T.BOOLEAN, "object": T.OBJECT}
_NULLISH = frozenset(("null", "undefined", "void"))
_SAME_MEMBERS = frozenset(("Partial", "Required", "Readonly", "NonNullable"))
_ARRAYS = frozenset(("Array", "ReadonlyArray"))
_OBJECTS = frozenset(("Record", "object"))
_NAMES = frozenset(("type_identifier", "nested_type_identifier"))
_INSIDE = frozenset(("type_annotation", "parenthesized_type", "readonly_type"))
_HOLDERS = frozenset(("required_parameter", "optional_parameter", "variable_declarator"))
_PATTERNS = frozenset(("object_pattern", "object_assignment_pattern"))
_FIELDS = frozenset(("property_signature", "public_field_definition"))
_JSDOC_TAG = re.compile(r"@(type|param|arg|argument|returns?)\s*\{")
_JSDOC_NAME = re.compile(r"\s*\[?\s*([\w$]+)")
_STATEMENT_PARTS = frozenset(
    (
        "variable_declarator",
        "lexical_declaration",
        "variable_declaration",
        "export_statement",
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "arrow_function",
        "method_definition",
    )
)
_JSDOC_SIZE = 2_000  # longer type texts are not read: a comment is not a program


def jsdoc_tags(comment: str) -> Iterator[tuple[str, str, str]]:
    """(tag, type text, name after it) for each typed tag of a JSDoc comment."""
    for match in _JSDOC_TAG.finditer(comment):
        level, end = 1, match.end()
        while end < len(comment) and level and end - match.end() < _JSDOC_SIZE:
            level += {"{": 1, "}": -1}.get(comment[end], 0)
            end += 1
        if level:
            continue
        text = comment[match.end() : end - 1].strip().lstrip("?!").rstrip("=").strip()
        name = _JSDOC_NAME.match(comment, end)
        yield match.group(1), text, name.group(1) if name is not None else ""


class TypeScriptTypes(DeclaredTypes):
    """Declared types of JavaScript, TypeScript and TSX."""

    @cached_property
    def _jsdoc(self) -> dict[str, tuple[Tree, Node | None]]:
        """JSDoc type texts read so far, with the trees their nodes live in."""
        return {}

    def parsed_type(self, text: str) -> Node | None:
        """A JSDoc type text read as a TypeScript annotation (the tree is kept with it)."""
        from schema_lint.scanners import parser

        if not text or len(text) > _JSDOC_SIZE:
            return None
        if text not in self._jsdoc:
            tree = parser("typescript").parse(f"let _: {text};".encode())
            declarator = first_expression(tree.root_node.named_children[0])
            found = None
            if not tree.root_node.has_error and declarator is not None:
                found = declarator.child_by_field_name("type")
            self._jsdoc[text] = (tree, found)
        return self._jsdoc[text][1]

    # -- declarations ---------------------------------------------------------------------

    def is_declaration(self, node: Node) -> bool:
        """Also destructured names (`{ plan }`, `{ plan: p }`) and untyped JS parameters."""
        if super().is_declaration(node):
            return True
        parent = node.parent
        if parent is None:
            return False
        if node.type == "shorthand_property_identifier_pattern":
            return parent.type in _PATTERNS
        if node.type != "identifier":
            return False
        if parent.type == "pair_pattern":
            return self.names_node(parent, "value", node)
        if parent.type == "assignment_pattern" and self.names_node(parent, "left", node):
            parent = parent.parent
        return parent is not None and parent.type == "formal_parameters"

    def pattern_path(self, declaration: Node) -> tuple[Node, list[str]] | None:
        node = declaration
        names = [self.text(node)] if node.type == "shorthand_property_identifier_pattern" else []
        for _ in range(MAX_DEPTH):
            parent = node.parent
            if parent is None:
                return None
            if parent.type == "pair_pattern":
                key = parent.child_by_field_name("key")
                name = self.key_name(key) if key is not None else None
                if name is None:
                    return None
                names.append(name)
            elif parent.type not in _PATTERNS:
                return (parent, names[::-1]) if names and parent.type in _HOLDERS else None
            node = parent
        return None

    # -- JSDoc ----------------------------------------------------------------------------

    def declared_annotation(self, declaration: Node) -> Node | None:
        found = super().declared_annotation(declaration)
        if found is not None or self.dialect != "javascript":
            return found
        parent = declaration.parent
        if parent is not None and parent.type == "assignment_pattern":
            parent = parent.parent
        if parent is not None and parent.type == "formal_parameters":
            function = parent.parent
            wanted = ("param", "arg", "argument")
            return self.jsdoc_type(function, wanted, self.text(declaration))
        return self.jsdoc_type(parent, ("type",), None)

    def returned_annotation(self, function: Node) -> Node | None:
        found = super().returned_annotation(function)
        if found is not None or self.dialect != "javascript":
            return found
        return self.jsdoc_type(function, ("returns", "return"), None)

    def jsdoc_type(self, node: Node | None, tags: tuple[str, ...], name: str | None) -> Node | None:
        """The type given by the JSDoc comment just before the statement holding `node`."""
        for _ in range(4):  # parameters' function -> declarator -> declaration -> export
            if node is None or node.type not in _STATEMENT_PARTS:
                return None
            comment = node.prev_named_sibling
            if comment is not None and comment.type == "comment":
                text = self.text(comment)
                if text.startswith("/**"):
                    for tag, type_text, named in jsdoc_tags(text):
                        if tag in tags and (name is None or named == name):
                            return self.parsed_type(type_text)
                return None
            node = node.parent
        return None

    # -- types ----------------------------------------------------------------------------

    def union_members(self, node: Node) -> list[Node]:
        """`a | b | c` (nested to the left by the grammar), flattened without recursion."""
        members: list[Node] = []
        stack = [node]
        while stack:
            each = stack.pop()
            if each.type == "union_type":
                stack.extend(reversed(each.named_children))
            else:
                members.append(each)
        return members

    def is_nullish(self, node: Node) -> bool:
        return node.type in ("literal_type", "predefined_type") and self.text(node) in _NULLISH

    def resolved_type(self, node: Node) -> Node | None:
        """Follow parentheses, aliases, `T | null` and `Partial<T>` to a type that holds
        members or is a primitive; None when it cannot be followed."""
        for _ in range(HOPS):
            inner: Node | None = None
            if node.type in _INSIDE:
                inner = first_expression(node)
            elif node.type == "union_type":
                members = [m for m in self.union_members(node) if not self.is_nullish(m)]
                if len(members) != 1:
                    return node
                inner = members[0]
            elif node.type in _NAMES:
                found = self.type_declaration(self.type_name(node))
                if found is None:  # kept when another file may declare it
                    return node if self.is_imported(self.type_name(node)) else None
                if found.type != "type_alias_declaration":
                    return found
                inner = found.child_by_field_name("value")
            elif node.type == "generic_type":
                inner = self.generic_inner(node)
                if inner is None:
                    return node
            else:
                return node
            if inner is None:
                return None
            node = inner
        return None

    def type_name(self, node: Node) -> str:
        return self.text(node).rpartition(".")[2]

    def type_shape(self, declaration: Node) -> Shape:
        if declaration.type == "type_alias_declaration":
            value = declaration.child_by_field_name("value")
            if value is not None:
                return Shape(TYPE, value)
        return super().type_shape(declaration)

    def generic_inner(self, node: Node) -> Node | None:
        """`Partial<T>` -> T; `Props<T>` -> Props; None for arrays, records and the like."""
        name = node.child_by_field_name("name")
        text = self.text(name) if name is not None else ""
        if text in _SAME_MEMBERS:
            arguments = node.child_by_field_name("type_arguments")
            return first_expression(arguments) if arguments is not None else None
        return None if text in _ARRAYS or text in _OBJECTS else name

    def annotation_type(self, node: Node, depth: int = 0) -> str:
        if self.over_limit(node, depth):
            return T.UNKNOWN
        resolved = self.resolved_type(node)
        if resolved is None:
            return T.UNKNOWN
        kind = resolved.type
        if kind == "predefined_type":
            return _PREDEFINED.get(self.text(resolved), T.UNKNOWN)
        if kind == "array_type" and resolved.named_children:
            return T.array_of(self.annotation_type(resolved.named_children[0], depth + 1))
        if kind == "generic_type":
            return self.generic_type(resolved, depth)
        if kind == "literal_type" and resolved.named_children:
            return self.scalar_type(resolved.named_children[0], depth + 1)
        if kind == "template_literal_type":
            return T.STRING
        if kind == "union_type":
            members = [m for m in self.union_members(resolved) if self.text(m) != "undefined"]
            return T.agreed(self.annotation_type(m, depth + 1) for m in members)
        if kind in ("object_type", "interface_declaration"):
            return T.OBJECT
        if kind == "enum_declaration":
            return self.declaration_type(resolved, depth + 1)
        if kind in _NAMES:
            return self.foreign_type(self.type_name(resolved), (), True, depth) or T.UNKNOWN
        return T.UNKNOWN

    def generic_type(self, node: Node, depth: int) -> str:
        name = node.child_by_field_name("name")
        arguments = node.child_by_field_name("type_arguments")
        text = self.text(name) if name is not None else ""
        if text in _OBJECTS:
            return T.OBJECT
        first = first_expression(arguments) if arguments is not None else None
        if text in _ARRAYS and first is not None:
            return T.array_of(self.annotation_type(first, depth + 1))
        return T.UNKNOWN

    # -- members --------------------------------------------------------------------------

    def type_member(self, annotation: Node, name: str, depth: int) -> Shape | None:
        resolved = self.resolved_type(annotation)
        if resolved is not None and resolved.type in _NAMES:
            return self.foreign_shape(resolved, IMPORTED_TYPE, (self.type_name(resolved), name))
        return None if resolved is None else self.declaration_member(resolved, name, depth)

    def declaration_member(self, declaration: Node, name: str, depth: int) -> Shape | None:
        """A member of an interface (or one it extends), an object type, a class or an enum."""
        pending, seen = [declaration], 0
        while pending and seen < HOPS:
            holder = pending.pop(0)
            seen += 1
            body = holder if holder.type == "object_type" else holder.child_by_field_name("body")
            for child in body.named_children if body is not None else ():
                found = self.member_named(holder, child, name)
                if found is not None:
                    return found
            for clause in holder.named_children:
                if clause.type == "extends_type_clause":
                    pending.extend(r for t in clause.named_children if (r := self.resolved_type(t)))
        return None

    def member_named(self, holder: Node, child: Node, name: str) -> Shape | None:
        if holder.type == "enum_declaration":
            key = child.child_by_field_name("name") if child.type == "enum_assignment" else child
            return Shape(MEMBER, child) if key is not None and self.text(key) == name else None
        if child.type not in _FIELDS:
            return None
        key = child.child_by_field_name("name")
        if key is None or self.key_name(key) != name:
            return None
        annotation = child.child_by_field_name("type")
        if annotation is not None:
            return Shape(TYPE, annotation)
        value = child.child_by_field_name("value")
        return None if value is None else Shape(VALUE, value)

    def declaration_type(self, declaration: Node, depth: int) -> str:
        """An enum used as a type is its members' common type; an interface is an object."""
        if declaration.type == "interface_declaration":
            return T.OBJECT
        body = declaration.child_by_field_name("body")
        if declaration.type != "enum_declaration" or body is None:
            return T.UNKNOWN
        return T.agreed(self.enum_member_type(m, depth) for m in body.named_children)

    def enum_member_type(self, member: Node, depth: int) -> str:
        """An initialised member has its value's type; the others count up from 0."""
        value = member.child_by_field_name("value") if member.type == "enum_assignment" else None
        if value is None:
            return T.INTEGER
        found = self.value(value, depth + 1)
        return found.type if found is not None else T.UNKNOWN
