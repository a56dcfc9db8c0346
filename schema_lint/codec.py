"""Scans as bytes, for the cache files and for the workers' replies.

Pickle, but only ever unpickled through an allow-list of the model's value classes, so a
planted cache file cannot run code; an unreadable or foreign blob decodes to None.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from schema_lint import diagnostics, model
from schema_lint.model import FileScan

_MODEL_CLASSES = frozenset(
    ("FileScan", "Occurrence", "Value", "Entry", "Problem", "Span", "Wrapper", "ClientExport")
)
_ALLOWED = {
    model.__name__: _MODEL_CLASSES,
    diagnostics.__name__: frozenset(("Diagnostic", "Fix", "Related", "Severity")),
}


class _Unpickler(pickle.Unpickler):
    """Plain containers and the model's value classes; refuses every other global."""

    def find_class(self, module: str, name: str) -> type:
        if name in _ALLOWED.get(module, ()):
            cls: type = getattr(model if module == model.__name__ else diagnostics, name)
            return cls
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def loads(data: bytes) -> object:
    """Raises on corrupt bytes and on any global outside the allow-list."""
    return _Unpickler(io.BytesIO(data)).load()


def dumps(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _register_reducers() -> None:
    """Pickle the cached values as constructor calls.

    The default for slotted dataclasses rebuilds each object through a Python-level
    `__setstate__`, which made loading a warm cache or a worker's results far slower; the
    default for a NamedTuple such as Span goes through `copyreg.__reduce_ex__`, which made
    encoding a third slower than this.
    """
    for module, names in ((model, _MODEL_CLASSES), (diagnostics, _ALLOWED[diagnostics.__name__])):
        for name in names:
            cls = getattr(module, name)
            if hasattr(cls, "__dataclass_fields__"):
                copyreg.pickle(cls, _reducer(cls, attrgetter(*cls.__dataclass_fields__)))
            elif issubclass(cls, tuple):  # NamedTuples: Span, Wrapper, ClientExport
                copyreg.pickle(cls, _reducer(cls, tuple))


def _reducer(
    cls: type, fields: Callable[[Any], tuple[object, ...]]
) -> Callable[[Any], tuple[type, tuple[object, ...]]]:
    def reduce(obj: Any) -> tuple[type, tuple[object, ...]]:
        return cls, fields(obj)

    return reduce


_register_reducers()


def encode(scan: FileScan) -> bytes | None:
    """A scan as bytes for the cache or a worker's reply; None for a file that held nothing."""
    if _empty(scan):
        return None
    return dumps(scan)


def _empty(scan: FileScan) -> bool:
    """Whether the scan is `FileScan(scan.path)`, as most are: a prefilter miss. Field by
    field, since building one to compare costs more than all the tests."""
    return not (
        scan.occurrences
        or scan.problems
        or scan.suppressions
        or scan.lines
        or scan.wrappers
        or scan.clients
        or scan.imports
    )


def decode(path: str, blob: bytes | None) -> FileScan | None:
    """The scan `encode` gave, or None when the bytes are not a scan of `path`."""
    if blob is None:
        return FileScan(path)
    try:
        scan = loads(blob)
    except Exception:
        return None
    return scan if isinstance(scan, FileScan) and scan.path == path else None
