"""SDK client receivers and wrapper discovery.

A receiver is an SDK client when it is built by one of the preset's client classes or
factories, declared with that type, or returned by a same-file function that returns one.

A named function or method whose parameter flows into a matched call's EVENT or METADATA slot
(directly, as a property of an object literal the signature reads, spread into one, or as
`param.prop`) is a wrapper: a signature itself, with that parameter's position and Python
keyword. Wrappers are found in each scanned file, used in the same file at once, and then
looked for in the files that mention their name (schema_lint.rescan): calls of the imported name (a
relative import, or a path alias such as `@/lib/analytics`, resolved to the wrapper's file),
and methods called on a receiver of the wrapper's class.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from schema_lint.model import ClientExport, FileScan, Wrapper
from schema_lint.signatures import ROLES, Signature, SignatureError, parse

if TYPE_CHECKING:
    from tree_sitter import Node

    from schema_lint.scanners.code import Extractor

MAX_DEPTH = 6  # how far a receiver's type is followed through declarations and returns


def signature_of(wrapper: Wrapper, name: str | None = None) -> Signature:
    """The wrapper's signature, called as `name` (an import alias) when given."""
    text = wrapper.text if name is None else name + wrapper.text[wrapper.text.index("(") :]
    found = parse(text, wrapper.namespace, wrapper.language)
    return replace(found, owner=wrapper.owner) if wrapper.owner else found


class Hooks:
    """Per file: receiver types, wrappers found here, and wrappers imported from elsewhere."""

    def __init__(
        self,
        path: str,
        known: Sequence[tuple[str, Wrapper]],
        clients: Sequence[tuple[str, ClientExport]],
        discover: bool,
    ) -> None:
        self.path = path
        self.known = [(p, w) for p, w in known if p != path]
        self.clients = [(p, c) for p, c in clients if p != path]
        self.discover = discover
        self.found: dict[tuple[str, str], Wrapper] = {}
        self.new: list[Signature] = []
        self.imported_types: dict[str, set[str]] = {}  # local name -> client types
        self._types: dict[int, set[str]] = {}
        self._reached: dict[tuple[int, int], set[str]] = {}  # `types` by (node id, depth)

    # -- receivers --------------------------------------------------------------------------

    def receiver_types(self, ext: Extractor, receiver: Node) -> set[str]:
        if receiver.id not in self._types:
            self._types[receiver.id] = set()  # a cycle finds nothing
            self._types[receiver.id] = self.types(ext, receiver, 0)
        return self._types[receiver.id]

    def types(self, ext: Extractor, node: Node, depth: int) -> set[str]:
        """Client classes and factories a receiver may be built by (see the module
        docstring), through same-file declarations, returns, fields and imports.

        Each (node, depth) is worked out once: fields that are built from one another
        (`self.a = f(self.b)`, `self.b = g(self.a)`) branch at every step, and without it
        an SDK's own classes took minutes."""
        key = (node.id, depth)
        if key not in self._reached:
            self._reached[key] = self._types_of(ext, node, depth)
        return self._reached[key]

    def _types_of(self, ext: Extractor, node: Node, depth: int) -> set[str]:
        node = ext.unwrapped(node)
        built = ext.constructed(node)
        found = {built} if built else set()
        if depth > MAX_DEPTH:
            return found
        if ext.is_this(node):
            cls = ext.enclosing_class(node)
            name = ext.class_name(cls) if cls is not None else None
            return found | ({name} if name else set())
        sources: list[Node | None] = []
        field = ext.self_member(node)
        named = node.child_by_field_name("function") if node.type in ext.grammar.call else node
        if named is not None and ext.is_identifier(named):
            declaration = ext.declaration_before(named)
            if declaration is None:
                found |= self.imported_types.get(ext.text(named), set())
            elif named is not node:  # a call: what the function returns
                declared = ext.declared_node(declaration)
                sources.extend(ext.returned_values(declared) if declared is not None else [])
            else:
                sources.extend(ext.declaration_sources(declaration))
        elif field is not None:
            cls = ext.enclosing_class(node)
            sources.extend(ext.field_sources(cls, field) if cls is not None else [])
        for source in sources:
            if source is not None:
                more = ext.type_names(source) if ext.is_type(source) else None
                found |= more if more is not None else self.types(ext, source, depth + 1)
        return found

    def client_exports(self, ext: Extractor, data: bytes) -> tuple[ClientExport, ...]:
        """Module-level names of this file that hold or return an SDK client."""
        clients = {c for s in ext.signatures for c in s.clients}
        if not self.discover or not any(c.split(".")[0].encode() in data for c in clients):
            return ()
        found = []
        for name, function in ext.top_level():
            values = (
                ext.returned_values(function)
                if function is not None
                else [n for n in ext.declaration_sources(name) if n is not None]
            )
            types: set[str] = set()
            for value in values:
                types |= ext.type_names(value) if ext.is_type(value) else self.types(ext, value, 1)
            if types & clients:
                line = name.start_point[0] + 1
                found.append(ClientExport(ext.text(name), tuple(sorted(types)), ext.language, line))
        return tuple(found)

    # -- wrappers ---------------------------------------------------------------------------

    def imported(self, ext: Extractor) -> list[Signature]:
        """Signatures for the known wrappers this file can call: imported functions under
        their local names (and Celery's `name.delay(...)`), and methods of their class."""
        found: list[Signature] = []
        imports = ext.imports() if self.clients or any(not w.owner for _, w in self.known) else []
        for path, client in self.clients:
            for local, module, name in imports:
                same = client.language == ext.language and name == client.name
                if same and resolves(self.path, module, path, ext.language):
                    self.imported_types.setdefault(local, set()).update(client.types)
        for path, wrapper in self.known:
            if wrapper.language != ext.language:
                continue
            if wrapper.owner:
                found.append(signature_of(wrapper))
                continue
            name = wrapper.needle
            for local, module, imported in imports:
                if imported == name and resolves(self.path, module, path, ext.language):
                    found.append(signature_of(wrapper, local))
                    if ext.language == "python":
                        found.append(signature_of(wrapper, f"{local}.delay"))
        return found

    def take_new(self) -> list[Signature]:
        new, self.new = self.new, []
        return new

    def matched(
        self, ext: Extractor, call: Node, signature: Signature, bound: dict[str, Node]
    ) -> bool:
        """Record the enclosing function as a wrapper when a parameter flows into the call;
        True when the metadata itself is that parameter (its call sites supply the keys).

        A call inside an unnamed callback (`run((c) => c.capture(name, props))`) belongs to
        the named function around it; the callback's own parameters shadow that one's."""
        shadowed: set[str] = set()
        function = ext.function_of(call) if self.discover else None
        while function is not None:
            named = ext.function_name(function)
            params = ext.parameters(function)
            if named is not None:
                return self._wrapped(ext, function, named, params, shadowed, signature, bound)
            shadowed.update(name for name, _ in params if name)
            function = ext.function_of(function)
        return False

    def _wrapped(
        self,
        ext: Extractor,
        function: Node,
        named: tuple[str, str | None],
        params: list[tuple[str | None, str]],
        shadowed: set[str],
        signature: Signature,
        bound: dict[str, Node],
    ) -> bool:
        positions = {
            name: i
            for i, (name, kind) in enumerate(params)
            if name and kind != "rest" and name not in shadowed
        }
        roles: dict[int, str] = {}
        props: dict[int, list[tuple[str, str]]] = {}
        metadata_is_param = False
        for role in ROLES:
            node = bound.get(role)
            flows = _flows(ext, node, role, signature, set(positions)) if node is not None else []
            for param, prop in flows:
                if param not in positions:
                    continue
                if prop is None:
                    roles.setdefault(positions[param], role)
                else:
                    props.setdefault(positions[param], []).append((prop, role))
                metadata_is_param |= (
                    role == "METADATA"
                    and node is not None
                    and (node.type not in ("object", "dictionary"))
                )
        if "METADATA" not in roles.values() and not any(
            r == "METADATA" for ps in props.values() for _, r in ps
        ):
            return False
        self._record(ext, function, named, params, roles, props, signature.namespace)
        return metadata_is_param

    def _record(
        self,
        ext: Extractor,
        function: Node,
        named: tuple[str, str | None],
        params: list[tuple[str | None, str]],
        roles: dict[int, str],
        props: dict[int, list[tuple[str, str]]],
        namespace: str,
    ) -> None:
        name, owner = named
        text = f"{name}({_arguments(params, roles, props, ext.language == 'python')})"
        key = (text, owner or "")
        if key in self.found:
            return
        wrapper = Wrapper(text, namespace, ext.language, owner or "", function.start_point[0] + 1)
        try:
            signature = signature_of(wrapper)
        except SignatureError:
            return  # a parameter name the DSL cannot spell: not a wrapper we can match
        self.found[key] = wrapper
        self.new.append(signature)


def _arguments(
    params: list[tuple[str | None, str]],
    roles: dict[int, str],
    props: dict[int, list[tuple[str, str]]],
    python: bool,
) -> str:
    last = max((*roles, *props), default=-1)
    parts: list[str] = []
    keyword_only = False
    for index, (name, kind) in enumerate(params[: last + 1]):
        if kind == "keyword" and not keyword_only:
            parts.append("*")
            keyword_only = True
        if index in roles:
            role = roles[index]
            parts.append(f"{name}={role}" if python and name else role)
        elif index in props:
            parts.append("{" + ", ".join(f"{k}: {r}" for k, r in props[index]) + "}")
        else:
            parts.append(f"{name}=_" if keyword_only else (name if python and name else "_"))
    return ", ".join(parts)


def _flows(
    ext: Extractor, node: Node, role: str, signature: Signature, params: set[str]
) -> list[tuple[str, str | None]]:
    """(parameter name, property or None) that a bound argument comes from."""
    if node.type in ("spread_element", "dictionary_splat"):
        # a pattern's property missing from an object that spreads this: `{...event}`
        prop = next((k for p in signature.params for k, r in p.props if r == role), None)
        inner = _param_ref(ext, _through(ext, _expression(node), params))
        return [(inner[0], prop)] if inner is not None and inner[1] is None else []
    direct = _param_ref(ext, _through(ext, node, params))
    if direct is not None:
        return [direct]
    if role != "METADATA":
        return []
    # merged metadata `{ ...props, source: 'web' }`: own keys stay at the wrapper
    refs = (_param_ref(ext, _through(ext, _expression(s), params)) for s in ext.spreads(node))
    return [ref for ref in refs if ref is not None]


def _through(ext: Extractor, node: Node, params: set[str], depth: int = 0) -> Node:
    """A local variable followed to what it is bound to: `data = props`, or `data =
    helper(props)` where the same-file `helper` returns that parameter unchanged in type."""
    node = ext.unwrapped(node)
    if depth > MAX_DEPTH or not ext.is_identifier(node) or ext.text(node) in params:
        return node
    declaration = ext.declaration_before(node)
    value = ext.declaration_sources(declaration)[0] if declaration is not None else None
    if value is not None and ext.unwrapped(value).type in ext.grammar.call:
        value = _returned_argument(ext, ext.unwrapped(value))
    return node if value is None else _through(ext, value, params, depth + 1)


_FUNCTIONS = frozenset(
    ("function_declaration", "function_definition", "arrow_function", "function_expression")
)


def _returned_argument(ext: Extractor, call: Node) -> Node | None:
    """The argument a call of a same-file pass-through function returns."""
    function = call.child_by_field_name("function")
    if function is None or not ext.is_identifier(function):
        return None
    declaration = ext.declaration_before(function)
    declared = ext.declared_node(declaration) if declaration is not None else None
    if declared is None or declared.type not in _FUNCTIONS:
        return None
    names = [name for name, _ in ext.parameters(declared)]
    returned = {ext.text(r) for r in ext.returned_values(declared) if ext.is_identifier(r)}
    if len(returned) != 1 or (name := returned.pop()) not in names:
        return None
    positional, keywords = ext.arguments(call)
    index = names.index(name)
    return positional[index] if index < len(positional) else keywords.get(name)


def _expression(spread: Node) -> Node:
    return next((c for c in spread.named_children if c.type != "comment"), spread)


def _param_ref(ext: Extractor, node: Node) -> tuple[str, str | None] | None:
    if ext.is_identifier(node):
        return ext.text(node), None
    member = ext.member_of(node)
    if member is not None and ext.is_identifier(member[0]):
        return ext.text(member[0]), member[1]
    return None


def resolves(importer: str, module: str, target: str, language: str) -> bool:
    """Whether `module`, imported by the file `importer`, names the file `target` (paths
    relative to the project root, `/`-separated)."""
    if language == "python":
        return _resolves_python(importer, module, target)
    stem = target.rsplit(".", 1)[0]
    stems = {stem, stem[: -len("/index")]} if stem.endswith("/index") else {stem}
    if module.startswith("."):
        return posixpath.normpath(posixpath.join(posixpath.dirname(importer), module)) in stems
    parts = module.split("/")
    if len(parts) > 1 and parts[0][:1] in ("@", "~", "#"):
        parts = parts[1:]  # a path alias such as `@/lib/analytics` or `~/lib/analytics`
    rest = "/".join(parts)
    return any(s == rest or s.endswith("/" + rest) for s in stems)


def _resolves_python(importer: str, module: str, target: str) -> bool:
    dots = len(module) - len(module.lstrip("."))
    path = module[dots:].replace(".", "/")
    candidates = (f"{path}.py", f"{path}/__init__.py") if path else ("__init__.py",)
    if dots:
        base = posixpath.dirname(importer)
        for _ in range(dots - 1):
            base = posixpath.dirname(base)
        return any(posixpath.normpath(posixpath.join(base, c)) == target for c in candidates)
    return any(target == c or target.endswith("/" + c) for c in candidates)


def listed(scans: Sequence[FileScan]) -> list[str]:
    """Every discovered wrapper as `path:line: signature`, for --show-settings."""
    return sorted(
        f"{scan.path}:{w.line}: {w.owner + '.' if w.owner else ''}{w.text} ({w.namespace})"
        for scan in scans
        for w in scan.wrappers
    )
