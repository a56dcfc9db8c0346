"""Scanner registry: one function turns one file's bytes into a FileScan.

Grammars are imported lazily, one language at a time, so a run over a few Python files
never pays for the TypeScript grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

from schema_lint.languages import CODE, REGISTRY
from schema_lint.model import PAYLOAD_KEY, ClientExport, FileScan, Occurrence, Problem, Wrapper
from schema_lint.prefilter import QUOTED_PAYLOAD_KEY, Prefilter, find_word, word_hits
from schema_lint.scanners.source import DecodeError, Source, from_utf16, prepare
from schema_lint.signatures import Signature
from schema_lint.suppress import find_suppressions

if TYPE_CHECKING:
    from tree_sitter import Parser

    from schema_lint.scanners.code import Extractor
    from schema_lint.scanners.modules import Modules
    from schema_lint.scanners.partial import Ranges
    from schema_lint.wrappers import Hooks

# code languages, by name: grammar, extractor and callback come from the registry row
GRAMMARS = {language.name: language for language in CODE}
DOCUMENTS = {
    language.name: f"schema_lint.scanners.{language.scanner}"
    for language in REGISTRY
    if language.scanner is not None
}
CODE_LANGUAGES = frozenset(GRAMMARS)
# where top-level statements start at column 0 and a part parses alone (PHP needs its `<?php`,
# Java and Ruby nest methods in a class); the others are parsed whole
PARTIAL_FAMILIES = frozenset(("js", "python"))


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
    module, function = grammar
    return Parser(Language(getattr(import_module(module), function)()))


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
    language: str, data: bytes, ctx: ScanContext, source: Source | None = None, path: str = ""
) -> Extracted:
    """Occurrences, problems and wrappers in prepared code bytes (a whole file, or a Markdown
    fence: no `path`, and no wrappers are looked for)."""
    from schema_lint.wrappers import Hooks

    hooks = Hooks(path, ctx.wrappers, ctx.clients, ctx.discover and bool(path))
    if not mentions_known(data, ctx) and not prefilter(ctx.signatures, language).admits(data):
        return Extracted([], [])
    source = source or Source(data)
    if not ctx.wrappers and not ctx.clients and ctx.modules is None:  # the first pass
        found = _extract_part(language, data, ctx, source, path)
        if found is not None:
            return found
    return _extract_whole(language, data, source, ctx, path, hooks)


def _extract_whole(
    language: str, data: bytes, source: Source, ctx: ScanContext, path: str, hooks: Hooks
) -> Extracted:
    tree = parser(language).parse(data)
    extractor = extractor_class(language)(source, tree, ctx.signatures, GRAMMARS[language], hooks)
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


def _extract_part(
    language: str, data: bytes, ctx: ScanContext, source: Source, path: str
) -> Extracted | None:
    """What the statements holding a hit give, when they are enough (see `partial`); None
    when the whole file must be parsed: the part does not parse cleanly, extraction reaches
    outside it, or a wrapper is found (its calls may be anywhere in the file)."""
    from schema_lint.scanners import partial
    from schema_lint.wrappers import Hooks

    ranges = _hit_ranges(language, data, ctx)
    if ranges is None:
        return None
    tree = partial.parse(parser(language), data, ranges)
    if tree.root_node.has_error:
        return None
    hooks = Hooks(path, (), (), ctx.discover and bool(path))
    extractor = extractor_class(language)(source, tree, ctx.signatures, GRAMMARS[language], hooks)
    extractor.partial = ranges
    try:
        occurrences = extractor.run()
    except partial.WholeFileNeeded:
        return None
    if hooks.take_new() or extractor.needed_imports():
        return None
    return Extracted(occurrences, extractor.problems)


def mentions_known(data: bytes, ctx: ScanContext) -> bool:
    """Whether the bytes name a wrapper or SDK client export found in another file (the
    second pass's prefilter: schema_lint.rescan)."""
    names = [w.needle for _, w in ctx.wrappers] + [c.name for _, c in ctx.clients]
    return any(name.encode() in data for name in names)


def _hit_ranges(language: str, data: bytes, ctx: ScanContext) -> Ranges | None:
    """The statements holding the extractor's hits; None for the whole file: a callback name
    (its function is found through the file's declarations) or an SDK client name (a client
    may be built anywhere in the file) among them."""
    from schema_lint.scanners.partial import statement_ranges

    row = GRAMMARS[language]
    if row.family not in PARTIAL_FAMILIES:
        return None
    signatures = [s for s in ctx.signatures if s.language in (None, row.family)]
    clients = {c.split(".")[0] for s in signatures for c in s.clients}
    if any(client.encode() in data for client in clients):
        return None  # as Hooks.client_exports tests it
    if row.callback is not None and find_word(data, row.callback.encode()) >= 0:
        return None
    hits = word_hits(data, [*(s.name for s in signatures), PAYLOAD_KEY])
    return statement_ranges(data, hits, row.family == "python")


def candidate(language: str, data: bytes, ctx: ScanContext, example: bool) -> bool:
    """Whether a file's bytes pass the prefilter: only such files are decoded and scanned."""
    if language in GRAMMARS:
        return prefilter(ctx.signatures, language).admits(data) or mentions_known(data, ctx)
    if example:
        return True
    if language == "json":
        return QUOTED_PAYLOAD_KEY in data
    return bool(import_module(DOCUMENTS[language]).candidate(data, ctx))


def scan_file(path: str, language: str, data: bytes, ctx: ScanContext, example: bool) -> FileScan:
    """Scan one file; bad bytes in a file that passes the prefilter become a Problem, never an
    exception. Other files are never decoded: what cannot be ours cannot be a finding."""
    data, undecodable = from_utf16(data)
    if not candidate(language, data, ctx, example):
        return FileScan(path)
    try:
        if undecodable is not None:
            raise undecodable
        data = prepare(data, python=language == "python")
    except DecodeError as exc:
        return FileScan(path, problems=(exc.problem(),))
    if language in GRAMMARS:
        found = extract(language, data, ctx, path=path)
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
