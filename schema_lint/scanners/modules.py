"""The code files of a run, parsed on demand for the types and constants others import.

A file is read and parsed only when a file being typed imports a name it needs (see
declared.py `foreign_type`), once per run; nothing is executed. Imports are resolved as
wrapper discovery resolves them (schema_lint.wrappers.resolves), within a language family.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import TYPE_CHECKING

from schema_lint.scanners.source import DecodeError, Source, from_utf16, prepare

if TYPE_CHECKING:
    from schema_lint.discovery import SourceFile
    from schema_lint.scanners.declared import DeclaredTypes

MAX_CHAIN = 8  # re-exports followed from one file to the next


class Modules:
    """Loads the extractor of the file an import names; one per file, kept for the run."""

    def __init__(self, files: Sequence[SourceFile]) -> None:
        from schema_lint.scanners import GRAMMARS

        self.files = [
            (f.path, f.abspath, f.language, GRAMMARS[f.language].family or f.language)
            for f in files
            if f.language in GRAMMARS
        ]
        self._targets: dict[tuple[str, str, str], str | None] = {}
        self._loaded: dict[str, DeclaredTypes | None] = {}
        self.active: list[tuple[str, str]] = []  # (path, name) being looked up: cycles end

    def exporter(self, importer: str, family: str, module: str) -> DeclaredTypes | None:
        """The extractor of the file `module` names, imported from `importer`."""
        target = self.target(importer, family, module)
        return None if target is None else self.load(target)

    def target(self, importer: str, family: str, module: str) -> str | None:
        """The file of the run `module` names, imported from `importer`, if any."""
        from schema_lint.wrappers import resolves

        # only a relative module depends on where the importer is
        where = posixpath.dirname(importer) if module.startswith(".") else ""
        key = (where, family, module)
        if key not in self._targets:
            self._targets[key] = next(
                (
                    path
                    for path, _, _, each in self.files
                    if each == family and resolves(importer, module, path, family)
                ),
                None,
            )
        found = self._targets[key]
        return None if found == importer else found

    def load(self, path: str) -> DeclaredTypes | None:
        if path not in self._loaded:
            self._loaded[path] = None  # a file that imports itself finds nothing
            self._loaded[path] = self._parse(path)
        return self._loaded[path]

    def _parse(self, path: str) -> DeclaredTypes | None:
        from schema_lint.rescan import read
        from schema_lint.scanners import GRAMMARS, extractor_class, parser
        from schema_lint.scanners.declared import DeclaredTypes

        _, abspath, language, _ = next(f for f in self.files if f[0] == path)
        raw = read(abspath)
        if raw is None:
            return None  # unreadable: its names stay unknown; the file's own scan reports it
        data, undecodable = from_utf16(raw)
        try:
            if undecodable is not None:
                return None
            data = prepare(data, python=language == "python")
        except DecodeError:
            return None
        cls = extractor_class(language)
        if not issubclass(cls, DeclaredTypes):
            return None
        tree = parser(language).parse(data)
        extractor = cls(Source(data), tree, (), GRAMMARS[language])
        extractor.link(self, path)
        return extractor
