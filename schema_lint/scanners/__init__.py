"""Scanner registry: one function turns one file's bytes into a FileScan.

Grammars are imported lazily, one language at a time, so a run over a few Python files
never pays for the TypeScript grammar.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from schema_lint.languages import CODE, REGISTRY
from schema_lint.model import ClientExport, FileScan, Occurrence, Problem, Wrapper
from schema_lint.prefilter import QUOTED_PAYLOAD_KEY, Prefilter
from schema_lint.scanners.source import DecodeError, Source, from_utf16, prepare
from schema_lint.signatures import Signature
from schema_lint.suppress import find_suppressions

if TYPE_CHECKING:
    from tree_sitter import Parser

    from schema_lint.scanners.code import Extractor
    from schema_lint.scanners.modules import Modules

# code languages, by name: grammar, extractor and callback come from the registry row
GRAMMARS = {language.name: language for language in CODE}
DOCUMENTS = {
    language.name: f"schema_lint.scanners.{language.scanner}"
    for language in REGISTRY
    if language.scanner is not None
}
CODE_LANGUAGES = frozenset(GRAMMARS)


@dataclass(frozen=True)
class ScanContext:
    """What a scanner needs from the settings; small and picklable for worker processes."""

    signatures: tuple[Signature, ...]
    wrappers: tuple[tuple[str, Wrapper], ...] = ()  # found in other files: (path, wrapper)
    clients: tuple[tuple[str, ClientExport], ...] = ()  # likewise, SDK clients they export
    discover: bool = True  # whether to find wrappers (config `wrappers`)
    # other files' declarations, for imported types and constants (schema_lint.retype); set
    # only in that pass, which runs in this process
    modules: Modules | None = field(default=None, compare=False)
    _prefilters: dict[str, Prefilter] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def prefilter(self, language: str) -> Prefilter:
        """`prefilter(self.signatures, language)`, kept here: that cache hashes every
        signature on each look-up, and it is looked up for every file."""
        found = self._prefilters.get(language)
        if found is None:
            found = self._prefilters[language] = prefilter(self.signatures, language)
        return found


def get(language: str) -> str:
    """The module scanning `language`; fails loudly on an unknown one."""
    if language in GRAMMARS:
        return "schema_lint.scanners.code"
    if language in DOCUMENTS:
        return DOCUMENTS[language]
    raise KeyError(f"no scanner for language {language!r}")


@cache
def parser(language: str) -> Parser:
    from tree_sitter import Language, Parser

    grammar = GRAMMARS[language].grammar
    assert grammar is not None  # every row in GRAMMARS has one
    package, function = grammar
    return Parser(Language(getattr(compiled(package, function), function)()))


def compiled(package: str, function: str) -> ModuleType:
    """The module of a grammar package that holds `function`: its compiled `_binding`, loaded
    without the package's `__init__`, which imports importlib.resources for query files no
    scanner reads (3 ms of every cold run); the package itself when it is laid out otherwise.
    """
    from importlib.machinery import PathFinder
    from importlib.util import find_spec, module_from_spec

    name = f"{package}._binding"
    if name not in sys.modules:
        spec = find_spec(package)
        where = spec.submodule_search_locations if spec is not None else None
        found = PathFinder.find_spec("_binding", where) if where else None
        if found is None or found.loader is None:
            return import_module(package)
        module = module_from_spec(found)
        found.loader.exec_module(module)
        sys.modules[name] = module
    binding = sys.modules[name]
    return binding if hasattr(binding, function) else import_module(package)


def load(languages: set[str], ctx: ScanContext) -> None:
    """Load now what scanning `languages` needs (grammars, extractors, prefilters), once per
    process: called before a pool forks, its processes start with all of it."""
    from schema_lint import codec, wrappers

    del codec, wrappers  # imported for the pool: its replies are encoded, and wrappers found

    for language in sorted(languages):
        if language in GRAMMARS:
            parser(language)
            extractor_class(language)
            ctx.prefilter(language)
        elif language in DOCUMENTS:
            import_module(DOCUMENTS[language])


@cache
def extractor_class(language: str) -> type[Extractor]:
    module, _, name = (GRAMMARS[language].extractor or "").partition(":")
    cls: type[Extractor] = getattr(import_module(f"schema_lint.scanners.{module}"), name)
    return cls


def prefilter_names(signatures: tuple[Signature, ...], language: str | None = None) -> set[str]:
    """The names one of which every file of ours in `language` (None: any language) holds:
    a necessary condition, cheap to test before the prefilter proper."""
    languages = GRAMMARS if language is None else (language,)
    return {needle.decode() for each in languages for needle in prefilter(signatures, each).needles}


@cache
def prefilter(signatures: tuple[Signature, ...], language: str) -> Prefilter:
    """Cheap bytes test run before any parse: could this file hold anything of ours?"""
    row = GRAMMARS[language]
    words = () if row.callback is None else (row.callback,)
    return Prefilter((s for s in signatures if s.language in (None, row.family)), words)


def scan_code(
    language: str, data: bytes, ctx: ScanContext, source: Source | None = None
) -> tuple[list[Occurrence], list[Problem]]:
    """Occurrences and problems in prepared code bytes (a whole file or a Markdown fence)."""
    found = extract(language, data, ctx, source)
    return found.occurrences, found.problems


class Extracted(NamedTuple):
    occurrences: list[Occurrence]
    problems: list[Problem]
    wrappers: tuple[Wrapper, ...] = ()
    clients: tuple[ClientExport, ...] = ()
    imports: tuple[str, ...] = ()


def extract(
    language: str,
    data: bytes,
    ctx: ScanContext,
    source: Source | None = None,
    path: str = "",
    admitted: bool = False,
) -> Extracted:
    """Occurrences, problems and wrappers in prepared code bytes (a whole file, or a Markdown
    fence: no `path`, and no wrappers are looked for); `admitted` as for `scan_file`."""
    from schema_lint.wrappers import Hooks

    hooks = Hooks(path, ctx.wrappers, ctx.clients, ctx.discover and bool(path))
    cls = extractor_class(language)
    known = admitted or mentions_known(data, ctx)
    if not known and not ctx.prefilter(language).admits(data):
        return Extracted([], [])
    source = source or Source(data)
    tree = parser(language).parse(data)
    extractor = cls(source, tree, ctx.signatures, GRAMMARS[language], hooks)
    if ctx.modules is not None and path:
        from schema_lint.scanners.declared import DeclaredTypes

        if isinstance(extractor, DeclaredTypes):
            extractor.link(ctx.modules, path)
    imported = hooks.imported(extractor)
    extractor.signatures.extend(imported)
    occurrences = extractor.run()
    spans = {(o.namespace, o.metadata.span) for o in occurrences}
    for _ in range(8):  # wrappers used in the file that defines them, and their wrappers
        new = hooks.take_new()
        if not new:
            break
        extractor.signatures.extend(new)
        for occurrence in extractor.more_calls(new):
            if (occurrence.namespace, occurrence.metadata.span) not in spans:
                spans.add((occurrence.namespace, occurrence.metadata.span))
                occurrences.append(occurrence)
    exports = hooks.client_exports(extractor, data)
    found = tuple(hooks.found.values())
    return Extracted(occurrences, extractor.problems, found, exports, extractor.needed_imports())


def mentions_known(data: bytes, ctx: ScanContext) -> bool:
    """Whether the bytes name a wrapper or SDK client export found in another file (the
    second pass's prefilter: schema_lint.rescan)."""
    names = [w.needle for _, w in ctx.wrappers] + [c.name for _, c in ctx.clients]
    return any(name.encode() in data for name in names)


def candidate(language: str, data: bytes, ctx: ScanContext, example: bool) -> bool:
    """Whether a file's bytes pass the prefilter: only such files are decoded and scanned."""
    if language in GRAMMARS:
        return ctx.prefilter(language).admits(data) or mentions_known(data, ctx)
    if example:
        return True
    if language == "json":
        return QUOTED_PAYLOAD_KEY in data
    return bool(import_module(DOCUMENTS[language]).candidate(data, ctx))


def scan_file(
    path: str, language: str, data: bytes, ctx: ScanContext, example: bool, admitted: bool = False
) -> FileScan:
    """Scan one file; bad bytes in a file that passes the prefilter become a Problem, never an
    exception. Other files are never decoded: what cannot be ours cannot be a finding.
    `admitted`: the caller's prefilter has passed these bytes (it is not run again)."""
    data, undecodable = from_utf16(data)
    if not admitted and not candidate(language, data, ctx, example):
        return FileScan(path)
    try:
        if undecodable is not None:
            raise undecodable
        data = prepare(data, python=language == "python")
    except DecodeError as exc:
        return FileScan(path, problems=(exc.problem(),))
    if language in GRAMMARS:
        found = extract(language, data, ctx, path=path, admitted=admitted)
    else:
        scanner = import_module(DOCUMENTS[language])
        found = Extracted(*scanner.scan(data, ctx, example, path))
    occurrences, problems = found.occurrences, found.problems
    suppressions = find_suppressions(data) if occurrences or problems else ()
    return FileScan(
        path,
        tuple(occurrences),
        tuple(problems),
        suppressions,
        wrappers=found.wrappers,
        clients=found.clients,
        imports=found.imports,
    )
