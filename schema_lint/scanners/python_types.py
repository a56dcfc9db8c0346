"""Python's declared types, read for typing values (see declared.py).

Annotations are read from the syntax tree (`Optional[X]`, `X | None`, `Literal[...]`,
`list[X]`, aliases assigned in the same file); classes give their fields' annotations
(dataclasses, TypedDicts, NamedTuples, pydantic models and attrs classes all declare fields
as `name: type` in the class body), and enums their members.

An enum member is sent as what `json.dumps` makes of it: a `str` or `int` enum (`StrEnum`,
`class Plan(str, Enum)`, `IntEnum`) is its value; a plain `Enum` member cannot be encoded
without a custom encoder, so it is `unknown`, while `Plan.PRO.value` has the value's type.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.scanners.code import first_expression
from schema_lint.scanners.declared import (
    DECLARATION,
    FIXED,
    HOPS,
    IMPORTED_TYPE,
    MEMBER,
    TYPE,
    VALUE,
    DeclaredTypes,
    Shape,
)

_BUILTINS = {
    "str": T.STRING,
    "int": T.INTEGER,
    "float": T.FLOAT,
    "bool": T.BOOLEAN,
    "dict": T.OBJECT,
    "Dict": T.OBJECT,
    "Mapping": T.OBJECT,
    "list": T.ARRAY_UNKNOWN,
    "List": T.ARRAY_UNKNOWN,
}
_ARRAYS = frozenset(("list", "List", "Sequence", "tuple", "Tuple"))
_OBJECTS = frozenset(("dict", "Dict", "Mapping", "MutableMapping"))
_SAME = frozenset(("Optional", "Annotated", "Final", "ClassVar", "Required", "NotRequired"))
_ENUMS = {"Enum": "", "Flag": "", "StrEnum": T.STRING, "IntEnum": T.INTEGER, "IntFlag": T.INTEGER}
_WRAPPERS = frozenset(("type", "parenthesized_expression"))
_NAMES = frozenset(("identifier", "attribute", "string"))
_MIXINS = {"str": T.STRING, "int": T.INTEGER}


def last_name(text: str) -> str:
    """`enum.Enum` -> `Enum`: bases and annotations may be written through their module."""
    return text.rpartition(".")[2].strip()


class PythonTypes(DeclaredTypes):
    """Declared types of Python."""

    def generic_parts(self, node: Node) -> tuple[str, list[Node]] | None:
        """`Name[a, b]` as an annotation (`generic_type`) or an expression (`subscript`)."""
        if node.type == "generic_type" and node.named_children:
            head, *rest = node.named_children
            arguments = rest[0].named_children if rest else []
        elif node.type == "subscript":
            head = node.child_by_field_name("value") or node
            arguments = node.children_by_field_name("subscript")
        else:
            return None
        return last_name(self.text(head)), [a for a in arguments if a.type != "comment"]

    def alternatives(self, node: Node) -> list[Node] | None:
        """The members of `a | b | None` or `Union[a, b]`, flattened without recursion."""
        parts = self.generic_parts(node)
        if parts is not None:
            return parts[1] if parts[0] == "Union" else None
        if node.type not in ("union_type", "binary_operator"):
            return None
        members: list[Node] = []
        stack = [node]
        while stack:
            each = self.type_inner(stack.pop())
            operator = each.child_by_field_name("operator")
            if each.type == "union_type" or (
                each.type == "binary_operator" and operator is not None and operator.type == "|"
            ):
                stack.extend(reversed([c for c in each.named_children if c.type != "comment"]))
            else:
                members.append(each)
        return members if len(members) > 1 else None

    def resolved_type(self, node: Node) -> Node | None:
        """Follow `Optional[X]`, `X | None`, aliases and class names to the type to read."""
        for _ in range(HOPS):
            if node.type == "type":
                inner = first_expression(node)
                if inner is None:
                    return None
                node = inner
                continue
            members = self.alternatives(node)
            parts = self.generic_parts(node)
            if members is not None:
                real = [m for m in members if self.type_inner(m).type != "none"]
                if len(real) != 1:
                    return node
                node = real[0]
            elif parts is not None and parts[0] in _SAME and parts[1]:
                node = parts[1][0]
            elif node.type in ("identifier", "attribute", "string"):
                found = self.named_type(node)
                if found is None or found.type == "class_definition":
                    return found or node
                node = found
            else:
                return node
        return None

    def named_type(self, node: Node) -> Node | None:
        """The class, or the aliased annotation, a type name stands for in this file."""
        name = self.type_name(node)
        if not name or name in _BUILTINS:
            return None
        found = self.type_declaration(name)
        if found is not None:
            return found
        declared, _ = self.declarations(name)
        holder = declared[0].parent if declared else None
        if holder is None or holder.type not in ("assignment", "type_alias_statement"):
            return None
        return holder.child_by_field_name("right")

    def type_inner(self, node: Node) -> Node:
        """An annotation's expression, inside its `type` node and parentheses."""
        for _ in range(HOPS):
            inner = first_expression(node) if node.type in _WRAPPERS else None
            if inner is None:
                return node
            node = inner
        return node

    def annotation_type(self, node: Node, depth: int = 0) -> str:
        if self.over_limit(node, depth):
            return T.UNKNOWN
        resolved = self.resolved_type(node)
        if resolved is None:
            return T.UNKNOWN
        if resolved.type == "class_definition":
            return self.declaration_type(resolved, depth + 1)
        members = self.alternatives(resolved)
        if members is not None:
            return T.agreed(self.annotation_type(m, depth + 1) for m in members)
        parts = self.generic_parts(resolved)
        if parts is not None:
            return self.generic_type(*parts, depth=depth)
        if resolved.type == "none":
            return T.NULL
        name = self.type_name(resolved)
        if name in _BUILTINS or resolved.type not in _NAMES:
            return _BUILTINS.get(name, T.UNKNOWN)
        return self.foreign_type(name, (), True, depth) or T.UNKNOWN

    def type_name(self, node: Node) -> str:
        """`enum.Enum` -> `Enum`; a quoted forward reference is read as the name it holds."""
        text = self.string_value(node) if node.type == "string" else self.text(node)
        return last_name(text or "")

    def generic_type(self, name: str, arguments: list[Node], depth: int) -> str:
        if name == "Literal":
            found = (self.value(self.type_inner(a), depth + 1) for a in arguments)
            return T.agreed(v.type if v is not None else T.UNKNOWN for v in found)
        if name in _OBJECTS:
            return T.OBJECT
        if name not in _ARRAYS:
            return T.UNKNOWN
        items = [a for a in arguments if self.text(a) != "..."]
        if not items:
            return T.ARRAY_UNKNOWN
        element = T.agreed(self.annotation_type(a, depth + 1) for a in items)
        return T.array_of(element)

    # -- classes --------------------------------------------------------------------------

    def bases(self, cls: Node) -> Iterator[Node]:
        """A class and the same-file classes it derives from, nearest first."""
        pending, seen = [cls], 0
        while pending and seen < HOPS:
            each = pending.pop(0)
            seen += 1
            yield each
            arguments = each.child_by_field_name("superclasses")
            for base in arguments.named_children if arguments is not None else ():
                found = self.type_declaration(last_name(self.text(base)))
                if found is not None and found.type == "class_definition":
                    pending.append(found)

    def base_names(self, cls: Node) -> set[str]:
        names: set[str] = set()
        for each in self.bases(cls):
            arguments = each.child_by_field_name("superclasses")
            if arguments is not None:
                names.update(last_name(self.text(b)) for b in arguments.named_children)
        return names

    def enum_kind(self, cls: Node) -> str | None:
        """None for a class that is no enum; else what its members serialise as ("" when
        `json.dumps` cannot encode them)."""
        names = self.base_names(cls)
        kinds = [_ENUMS[n] for n in names if n in _ENUMS]
        if not kinds:
            return None
        return next((k for k in kinds if k), None) or next(
            (_MIXINS[n] for n in names if n in _MIXINS), ""
        )

    def fields(self, cls: Node) -> Iterator[Node]:
        """The `name: type` and `name = value` statements of a class and its bases."""
        for each in self.bases(cls):
            body = each.child_by_field_name("body")
            for statement in body.named_children if body is not None else ():
                inner = first_expression(statement)
                if statement.type == "expression_statement" and inner is not None:
                    yield from (inner,) if inner.type == "assignment" else ()

    def instance_of(self, declaration: Node) -> Shape | None:
        return Shape(DECLARATION, declaration) if declaration.type == "class_definition" else None

    def type_member(self, annotation: Node, name: str, depth: int) -> Shape | None:
        resolved = self.resolved_type(annotation)
        if resolved is not None and resolved.type in _NAMES:
            return self.foreign_shape(resolved, IMPORTED_TYPE, (self.type_name(resolved), name))
        if resolved is None or resolved.type != "class_definition":
            return None
        if name == "value" and self.enum_kind(resolved) is not None:
            members = [self.enum_member_attribute(m, "value") for m in self.fields(resolved)]
            found = (self.shape_type(m, depth) for m in members if m is not None)
            return Shape(FIXED, resolved, T.agreed(found))
        return self.declaration_member(resolved, name, depth)

    def declaration_member(self, declaration: Node, name: str, depth: int) -> Shape | None:
        if declaration.type != "class_definition":
            return None
        enum = self.enum_kind(declaration) is not None
        for assignment in self.fields(declaration):
            left = assignment.child_by_field_name("left")
            if left is None or self.text(left) != name:
                continue
            if enum:
                return Shape(MEMBER, assignment)
            annotation = assignment.child_by_field_name("type")
            if annotation is not None:
                return Shape(TYPE, annotation)
            right = assignment.child_by_field_name("right")
            return None if right is None else Shape(VALUE, right)
        return None

    def enum_member_attribute(self, member: Node, name: str) -> Shape | None:
        if name == "name":
            return Shape(FIXED, member, T.STRING)
        right = member.child_by_field_name("right")
        return Shape(VALUE, right) if name == "value" and right is not None else None

    def enum_member_type(self, member: Node, depth: int) -> str:
        cls = member.parent.parent.parent if member.parent and member.parent.parent else None
        return self.declaration_type(cls, depth) if cls is not None else T.UNKNOWN

    def declaration_type(self, declaration: Node, depth: int) -> str:
        """A `str` or `int` enum is its values' type; a TypedDict is an object."""
        if declaration.type != "class_definition":
            return T.UNKNOWN
        kind = self.enum_kind(declaration)
        if kind is not None:
            return kind or T.UNKNOWN
        return T.OBJECT if "TypedDict" in self.base_names(declaration) else T.UNKNOWN
