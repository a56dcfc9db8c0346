"""Typing through declarations: `props.plan` where `props: SignupProps`, `Plan.Pro`, `f()`.

What a name is declared as is followed lazily, from the metadata value outwards, and only in
this file: the root of a member chain is looked up with the extractor's declaration index,
then each member in what the root is known to be (a `Shape`). Every step spends the file's
budget and a level of depth, and aliases, re-bindings and base classes are followed a fixed
number of hops, so cycles (`type A = B; type B = A`) and deep chains end quietly as `unknown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from tree_sitter import Node

from schema_lint import typing_ as T
from schema_lint.limits import MAX_DEPTH
from schema_lint.model import Value
from schema_lint.scanners.code import Extractor

if TYPE_CHECKING:
    from schema_lint.scanners.modules import Modules

VALUE = "value"  # an expression: an object literal once settled
TYPE = "type"  # a type annotation
DECLARATION = "declaration"  # the node declaring a type: an interface, enum or class
MEMBER = "member"  # one member of an enum
FIXED = "fixed"  # a known type with nothing to look up in it (`Plan.PRO.name`)
IMPORTED = "imported"  # a name imported from another file, as a value (`path`: it, members)
IMPORTED_TYPE = "imported type"  # likewise, used as a type
HOPS = 32  # aliases, re-bindings and base classes followed before giving up


class Shape(NamedTuple):
    """What an expression is known to be, for looking its members up."""

    kind: str
    node: Node
    fixed: str = T.UNKNOWN
    path: tuple[str, ...] = ()


class DeclaredTypes(Extractor):
    """The language-neutral half; a language says how its types hold members."""

    modules: Modules | None = None  # other files' declarations, in a run that reads them
    path = ""
    _imported: dict[str, tuple[str, str]] | None = None
    _needed: set[str] | None = None  # modules whose names typing needed

    def link(self, modules: Modules, path: str) -> None:
        """Read names imported from other files of the run, this file being `path`."""
        self.modules, self.path = modules, path

    # -- entry points -------------------------------------------------------------------

    def member_value(self, node: Node, depth: int) -> Value | None:
        """`a.b.c` or `a['b']` typed through what `a` is declared as; None when nothing along
        the chain is declared in this file, so the caller types it as before."""
        if node.id in self._resolving:
            return Value(T.UNKNOWN, self.span(node))
        self._resolving.add(node.id)
        try:
            shape = self.member_shape_of(node, depth)
            return None if shape is None else self.shape_value(shape, node, depth)
        finally:
            self._resolving.discard(node.id)

    def declared_value(self, declaration: Node, depth: int) -> Value | None:
        path = self.pattern_path(declaration)
        if path is None:
            return super().declared_value(declaration, depth)
        holder, names = path
        shape = self.members(self.holder_shape(holder, None), names, depth)
        return self.shape_value(shape, declaration, depth) if shape is not None else None

    def metadata_value(self, call: Node, node: Node) -> Value | None:
        """A call's metadata; an object known only by its declared type (`props: Props`) has
        keys no scan can list, so it stays unreadable rather than an object without keys."""
        found = super().metadata_value(call, node)
        if found is None or found.type != T.OBJECT or found.entries:
            return found
        shape = self.settled(Shape(VALUE, node), 0)
        if shape is not None and shape.kind != VALUE:
            return Value(T.UNKNOWN, found.span)
        return found

    def call_type(self, node: Node, depth: int = 1) -> str:
        """Known functions first, then the return type declared by a same-file function."""
        found = super().call_type(node, depth)
        if found != T.UNKNOWN:
            return found
        shape = self.call_shape(node)
        return self.shape_type(shape, depth) if shape is not None else T.UNKNOWN

    # -- shapes ---------------------------------------------------------------------------

    def spend(self, depth: int) -> bool:
        """One step of following declarations: False once too deep or out of budget."""
        self._budget -= 1
        return depth <= MAX_DEPTH and self._budget >= 0

    def member_path(self, node: Node) -> tuple[Node, list[str]] | None:
        """`a.b['c']` -> (a, ["b", "c"]); None when a member is not a plain name or string."""
        g = self.grammar
        names: list[str] = []
        while len(names) <= MAX_DEPTH:
            if node.type == g.member:
                name = node.child_by_field_name(g.member_field)
                inner = node.child_by_field_name(g.object_field)
                text = self.text(name) if name is not None else None
            elif node.type == g.subscript:
                inner = node.child_by_field_name(g.subscript_fields[0])
                index = node.child_by_field_name(g.subscript_fields[1])
                text = self.string_value(index) if index is not None else None
            else:
                return (node, names[::-1]) if names else None
            if text is None or inner is None:
                return None
            names.append(text)
            node = inner
        return None

    def member_shape_of(self, node: Node, depth: int) -> Shape | None:
        path = self.member_path(node)
        if path is None or not self.spend(depth):
            return None
        root, names = path
        return self.members(self.settled(Shape(VALUE, root), depth + 1), names, depth + 1)

    def members(self, shape: Shape | None, names: list[str], depth: int) -> Shape | None:
        """Look `names` up one after the other, starting from `shape`."""
        for name in names:
            shape = self.settled(shape, depth)
            if shape is None or not self.spend(depth):
                return None
            shape = self.member_shape(shape, name, depth)
        return shape

    def settled(self, shape: Shape | None, depth: int) -> Shape | None:
        """Follow an expression through names, calls and wrappers to an object literal or to
        a declared type."""
        for _ in range(HOPS):
            if shape is None or shape.kind != VALUE:
                return shape
            node = self.unwrapped(shape.node)
            if self.object_body(node) is not None:
                return Shape(VALUE, node)
            shape = self.expression_shape(node, depth + 1)
        return None

    def expression_shape(self, node: Node, depth: int) -> Shape | None:
        if not self.spend(depth):
            return None
        g = self.grammar
        if self.is_identifier(node):
            declaration = self.declaration_before(node)
            if declaration is not None:
                return self.declared_shape(declaration, depth)
            found = self.type_declaration(self.text(node))
            if found is None:
                return self.foreign_shape(node, IMPORTED, (self.text(node),))
            return Shape(DECLARATION, found)
        if node.type in g.call:
            return self.call_shape(node)
        if node.type in (g.member, g.subscript) and node.id not in self._resolving:
            return self.member_shape_of(node, depth + 1)
        return None

    def declared_shape(self, declaration: Node, depth: int) -> Shape | None:
        parent = declaration.parent
        if parent is None or parent.type in self.grammar.functions:
            return None
        path = self.pattern_path(declaration)
        if path is not None:
            holder, names = path
            return self.members(self.holder_shape(holder, None), names, depth + 1)
        return self.holder_shape(parent, self.declared_annotation(declaration))

    def holder_shape(self, holder: Node, annotation: Node | None) -> Shape | None:
        """A declaration's shape: its object literal, else its annotation, else its value."""
        annotation = annotation or holder.child_by_field_name("type")
        bound = self.bound_value(holder)
        if bound is not None and (
            annotation is None or self.object_body(self.unwrapped(bound)) is not None
        ):
            return Shape(VALUE, bound)
        return None if annotation is None else Shape(TYPE, annotation)

    def call_shape(self, call: Node) -> Shape | None:
        """What a call to a same-file function returns (its annotation), or constructs."""
        function = call.child_by_field_name(self.grammar.function_field)
        if function is None or not self.is_identifier(function):
            return None
        declaration = self.declaration_before(function)
        if declaration is None:
            found = self.type_declaration(self.text(function))
            return None if found is None else self.instance_of(found)
        target = declaration.parent
        if target is not None and target.type not in self.grammar.functions:
            target = self.declared_node(declaration)
        if target is None or target.type not in self.grammar.functions:
            return None
        returns = self.returned_annotation(target)
        return None if returns is None else Shape(TYPE, returns)

    def returned_annotation(self, function: Node) -> Node | None:
        return function.child_by_field_name(self.grammar.return_field)

    def member_shape(self, shape: Shape, name: str, depth: int) -> Shape | None:
        if shape.kind == VALUE:
            found = self.object_property(shape.node, name)
            return None if found is None else Shape(VALUE, found)
        if shape.kind == TYPE:
            return self.type_member(shape.node, name, depth)
        if shape.kind == DECLARATION:
            return self.declaration_member(shape.node, name, depth)
        if shape.kind == MEMBER:
            return self.enum_member_attribute(shape.node, name)
        if shape.kind in (IMPORTED, IMPORTED_TYPE):
            return shape._replace(path=(*shape.path, name))
        return None

    def shape_value(self, shape: Shape, use: Node, depth: int) -> Value | None:
        if shape.kind in (IMPORTED, IMPORTED_TYPE):
            root, *path = shape.path
            found = self.foreign_type(root, tuple(path), shape.kind == IMPORTED_TYPE, depth)
            return None if found is None else Value(found, self.span(use))
        if shape.kind == VALUE:
            if self.is_identifier(shape.node):
                return self.resolve(shape.node, depth + 1)
            return self.value(shape.node, depth + 1)
        return Value(self.shape_type(shape, depth), self.span(use))

    def shape_type(self, shape: Shape, depth: int) -> str:
        if shape.kind == TYPE:
            return self.annotation_type(shape.node, depth + 1)
        if shape.kind == DECLARATION:
            return self.declaration_type(shape.node, depth + 1)
        if shape.kind == MEMBER:
            return self.enum_member_type(shape.node, depth + 1)
        if shape.kind == FIXED:
            return shape.fixed
        if shape.kind in (IMPORTED, IMPORTED_TYPE):
            root, *path = shape.path
            foreign = self.foreign_type(root, tuple(path), shape.kind == IMPORTED_TYPE, depth)
            return foreign or T.UNKNOWN
        found = self.shape_value(shape, shape.node, depth)
        return found.type if found is not None else T.UNKNOWN

    # -- other files ---------------------------------------------------------------------

    def resolve(self, use: Node, depth: int) -> Value | None:
        if self.declaration_before(use) is None:
            found = self.foreign_type(self.text(use), (), False, depth)
            if found is not None:
                return Value(found, self.span(use))
        return super().resolve(use, depth)

    def needed_imports(self) -> tuple[str, ...]:
        return tuple(sorted(self._needed or ()))

    def is_imported(self, name: str) -> bool:
        if self._imported is None:
            self._imported = {local: (module, name) for local, module, name in self.imports()}
        return name in self._imported

    def foreign_type(
        self, local: str, path: tuple[str, ...], as_type: bool, depth: int
    ) -> str | None:
        """The type of `local.path...` where `local` is imported from another file of the
        run: that file's extractor types it; None when it is not found. Without the other
        files (the first pass), the module is noted for the typing pass."""
        if not self.is_imported(local) or not self.spend(depth):
            return None
        module, name = (self._imported or {})[local]
        if self.modules is None:
            self._needed = (self._needed or set()) | {module}
            return None
        exporter = self.modules.exporter(self.path, self.language, module)
        key = (exporter.path if exporter is not None else "", name)
        if exporter is None or key in self.modules.active or len(self.modules.active) > HOPS:
            return None
        self.modules.active.append(key)
        try:
            return exporter.exported_type(name, path, as_type)
        finally:
            self.modules.active.pop()

    def exported_type(self, name: str, path: tuple[str, ...], as_type: bool) -> str | None:
        """The type of `name.path...` as this file declares (or imports) `name`; None when
        a member is not found (the importer types the expression as it would without)."""
        shape = self.exported_shape(name, as_type)
        if shape is None:
            return self.foreign_type(name, path, as_type, 0)
        shape = self.members(shape, list(path), 0)
        return None if shape is None else self.shape_type(shape, 0)

    def exported_shape(self, name: str, as_type: bool) -> Shape | None:
        found = self.type_declaration(name)
        if found is not None:
            return self.type_shape(found)
        declared, _ = self.declarations(name)
        top = next((d for d in declared if self.module_level(d)), None)
        if top is None:
            return None
        if as_type:  # an alias assigned at module level: `Tier = Literal['a', 'b']`
            holder = top.parent
            bound = self.bound_value(holder) if holder is not None else None
            return None if bound is None else Shape(TYPE, bound)
        return self.declared_shape(top, 0)

    def module_level(self, declaration: Node) -> bool:
        """Whether a declaration is outside every function (a module's constant)."""
        node = declaration.parent
        while node is not None:
            if node.type in self.grammar.functions:
                return False
            node = node.parent
        return True

    def type_shape(self, declaration: Node) -> Shape:
        """What a type declaration is, to look members up in or type a value declared as it."""
        return Shape(DECLARATION, declaration)

    def foreign_shape(self, node: Node, kind: str, path: tuple[str, ...]) -> Shape | None:
        """A shape for an imported name, when other files are read and it is imported."""
        return Shape(kind, node, path=path) if self.is_imported(path[0]) else None

    # -- what each language says ----------------------------------------------------------

    def pattern_path(self, declaration: Node) -> tuple[Node, list[str]] | None:
        """For a destructured name (`{ plan }: Props`), the node holding the whole value and
        the member names leading to it."""
        return None

    def instance_of(self, declaration: Node) -> Shape | None:
        """What calling a declared type gives (a Python class call builds an instance)."""
        return None

    def type_member(self, annotation: Node, name: str, depth: int) -> Shape | None:
        return None

    def declaration_member(self, declaration: Node, name: str, depth: int) -> Shape | None:
        return None

    def enum_member_attribute(self, member: Node, name: str) -> Shape | None:
        return None

    def declaration_type(self, declaration: Node, depth: int) -> str:
        """The type of a value declared as this type (an enum, a class)."""
        return T.UNKNOWN

    def enum_member_type(self, member: Node, depth: int) -> str:
        return T.UNKNOWN
