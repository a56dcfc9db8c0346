"""Which files to scan: git's file list or a .gitignore-aware walk, excludes, size limit."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schema_lint.globs import Globs
from schema_lint.languages import SUFFIXES
from schema_lint.listing import CONFIG_NAMES, git_ls_files
from schema_lint.settings import Settings

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

LANGUAGES = SUFFIXES  # suffix -> language, from the registry
EXAMPLE_LANGUAGES = ("json", "markdown")  # SPEC §2: only these hold metadata examples


UNSTATED = -1  # the size of a file listed without a stat (see `discover`)
# a listing this long, or longer, is made without a stat per file when no cache is to be
# consulted: it saves 2-3 µs a file, and the processes that scan share files out by count
# (schema_lint.pool), which a few big files can unbalance in a short listing
UNSTATED_MIN_FILES = 2000
# such a file is read without following a link (pool.read_unstated), which Windows cannot
UNSTATED_READS = hasattr(os, "O_NOFOLLOW")


@dataclass(frozen=True, init=False)
class SourceFile:
    path: str  # relative to the project root, '/'-separated
    abspath: str  # a plain string: a Path per file costs more than the stat
    language: str
    size: int
    example: bool
    # from the listing's stat, so the cache needs no second one; not part of a file's identity
    mtime_ns: int = field(default=0, compare=False)

    def __init__(
        self, path: str, abspath: str, language: str, size: int, example: bool, mtime_ns: int = 0
    ) -> None:
        # One update of the instance's dict, where a frozen dataclass makes one call per field:
        # a listing makes a file each, and this halves the cost.
        self.__dict__.update(
            path=path,
            abspath=abspath,
            language=language,
            size=size,
            example=example,
            mtime_ns=mtime_ns,
        )

    def stamp(self, size: int, mtime_ns: int) -> None:
        """Give a file listed UNSTATED its stamp, found as it was read (schema_lint.scan), once,
        before anything has read its size: 7,000 new files would cost 7 ms of a cold run."""
        assert self.size == UNSTATED
        self.__dict__.update(size=size, mtime_ns=mtime_ns)


@dataclass(frozen=True)
class Discovery:
    files: tuple[SourceFile, ...]  # sorted by path
    notes: tuple[str, ...]


def language_for(path: str) -> str | None:
    """The language of a '/'-separated path by its suffix, as `os.path.splitext` finds it."""
    dot = path.rfind(".")
    language = LANGUAGES.get(path[dot:].lower())  # a suffix holds no '/', so no folder's dot
    # splitext: the leading dots of a name start no suffix ('.js' and '..js' have none)
    if language is None or not path[path.rfind("/") + 1 : dot].strip("."):
        return None
    return language


def discover(settings: Settings, paths: Sequence[Path] = (), stamps: bool = True) -> Discovery:
    """The files to scan under `paths` (default: the whole project root). Without `stamps`
    (for a run that has no cache to consult), a listing of UNSTATED_MIN_FILES or more leaves
    each file's size and mtime UNSTATED: it is checked and stamped as it is read
    (`pool.read_unstated`), by the processes that scan, not by a stat of every file here."""
    root = settings.root
    notes: list[str] = []
    targets = _targets(root, paths, notes)
    excludes = _excludes(settings)
    listed = git_ls_files(root, targets) if targets else []
    if listed is None:
        listed = _walk(root, targets, excludes)
    files: list[SourceFile] = []
    prefix = os.path.join(root, "")
    candidates = sorted(_candidates(settings, excludes, listed))
    stamps = stamps or len(candidates) < UNSTATED_MIN_FILES
    for path, language, example in candidates:
        if not stamps:
            files.append(SourceFile(path, prefix + path, language, UNSTATED, example))
        elif found := admit(settings, (path, prefix + path, language, example), notes):
            files.append(found)
    return Discovery(tuple(files), tuple(notes))


def admit(
    settings: Settings, listed: tuple[str, str, str, bool], notes: list[str]
) -> SourceFile | None:
    """The listed file (path, abspath, language, example), stamped by a stat, when it is to be
    scanned: a regular file, or a symlink to one inside the project, of at most max-file-size;
    else None, with a note for the user when it is skipped for a reason they may not expect."""
    path, abspath, language, example = listed
    try:
        info = os.lstat(abspath)
        if stat.S_ISLNK(info.st_mode):
            if not Path(os.path.realpath(abspath)).is_relative_to(settings.root):
                notes.append(f"{path}: skipped, a symlink to outside the project root")
                return None
            info = os.stat(abspath)
    except OSError:
        return None  # deleted since it was listed, or a dangling link
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size > settings.max_file_size:
        size, limit = _sizes(info.st_size, settings.max_file_size)
        notes.append(f"{path}: skipped, {size} is over max-file-size ({limit})")
        return None
    return SourceFile(path, abspath, language, info.st_size, example, info.st_mtime_ns)


def config_files(settings: Settings, paths: Sequence[Path] = ()) -> list[str]:
    """Files below the folders in `paths` (default: the project root) that may hold a config of
    their own, root-relative, excludes applied. Only folders are searched: a file given on the
    command line already found its nearest config."""
    root = settings.root
    targets = [""]
    if paths:
        folders = [path for path in paths if os.path.isdir(path)]
        targets = _targets(root, folders, []) if folders else []
    if not targets:
        return []
    excludes = _excludes(settings)
    listed = git_ls_files(root, targets)
    if listed is None:
        listed = _walk(root, targets, excludes, lambda path: path.endswith(CONFIG_NAMES))
    found = {p for p in listed if p.rpartition("/")[2] in CONFIG_NAMES and "/" in p}
    return sorted(p for p in found if not excludes.match_file(p))


def _targets(root: Path, paths: Sequence[Path], notes: list[str]) -> list[str]:
    """Explicit paths as '/'-separated paths relative to root ('' for root itself)."""
    if not paths:
        return [""]
    targets = []
    for path in paths:
        full = Path(os.path.abspath(path))
        # the parent is resolved, not the path: a symlinked file must be judged as itself
        full = full.resolve() if full.is_dir() else full.parent.resolve() / full.name
        if not os.path.lexists(full):
            notes.append(f"{path}: no such file or directory")
        elif not full.is_relative_to(root):
            notes.append(f"{path}: skipped, outside the project root {root}")
        else:
            targets.append("" if full == root else full.relative_to(root).as_posix())
    return targets


def _walk(
    root: Path,
    targets: Sequence[str],
    excludes: Globs,
    wanted: Callable[[str], object] = language_for,
) -> list[str]:
    ignores = _GitIgnores(root)

    def keep_dir(path: str) -> bool:
        name = path.rpartition("/")[2]
        return name != ".git" and not excludes.match_file(path + "/") and not ignores.ignored(path)

    listed: list[str] = []
    for target in targets:
        if target == "" or (root / target).is_dir():
            if target == "" or (".git" not in target.split("/") and keep_dir(target)):
                for path in _scan(root, target, keep_dir):
                    # the suffix test first: it is far cheaper than the .gitignore patterns
                    if wanted(path) and not ignores.ignored(path, is_dir=False):
                        listed.append(path)
        elif not ignores.ignored(target, is_dir=False):
            listed.append(target)
    return listed


def _scan(root: Path, top: str, keep_dir: Callable[[str], bool]) -> Iterator[str]:
    """Files and symlinks under top; directory symlinks are never entered, so loops cannot hang."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(root / folder))
        except OSError:
            continue
        for entry in entries:
            path = f"{folder}/{entry.name}" if folder else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if not is_dir:
                yield path
            elif keep_dir(path):
                stack.append(path)


class _GitIgnores:
    """The .gitignore files that apply to each folder, each read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._chains: dict[str, tuple[tuple[str, GitIgnoreSpec], ...]] = {}
        self._ignored_dirs: dict[str, bool] = {"": False}

    def ignored(self, path: str, is_dir: bool = True) -> bool:
        if is_dir and path in self._ignored_dirs:
            return self._ignored_dirs[path]
        folder = path.rpartition("/")[0]
        # git cannot re-include a file whose folder is ignored
        result = self.ignored(folder) or self._match(path + "/" if is_dir else path, folder)
        if is_dir:
            self._ignored_dirs[path] = result
        return result

    def _match(self, probe: str, folder: str) -> bool:
        # the deepest .gitignore with a matching pattern decides, as in git
        for prefix, spec in reversed(self._chain(folder)):
            include = spec.check_file(probe[len(prefix) :]).include
            if include is not None:
                return include
        return False

    def _chain(self, folder: str) -> tuple[tuple[str, GitIgnoreSpec], ...]:
        if folder not in self._chains:
            chain = self._chain(folder.rpartition("/")[0]) if folder else ()
            try:
                lines = (self.root / folder / ".gitignore").read_text("utf-8", "replace")
            except OSError:
                lines = ""
            if lines.strip():
                chain += ((f"{folder}/" if folder else "", _gitignore(lines.splitlines())),)
            self._chains[folder] = chain
        return self._chains[folder]


def select(settings: Settings, listed: Iterable[str]) -> Iterator[tuple[str, str, bool]]:
    """(path, language, example) of paths listed elsewhere (a git ref's tree), filtered by the
    config as discovered files are."""
    return _candidates(settings, _excludes(settings), listed)


def _candidates(
    settings: Settings, excludes: Globs, listed: Iterable[str]
) -> Iterator[tuple[str, str, bool]]:
    """(path, language, example) for each listed path the config lets through, cheap tests first."""
    include = Globs(settings.include) if settings.include else None
    examples = Globs(settings.examples) if settings.examples else None
    for path in dict.fromkeys(listed):  # git lists an unmerged path once per stage
        language = language_for(path)
        if language is None or excludes.match_file(path):
            continue
        example = (
            examples is not None and language in EXAMPLE_LANGUAGES and examples.match_file(path)
        )
        if include is None or example or include.match_file(path):
            yield path, language, example


def _excludes(settings: Settings) -> Globs:
    return Globs((*settings.exclude, *settings.extend_exclude))


def _gitignore(lines: Iterable[str]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec  # only for trees outside git

    return GitIgnoreSpec.from_lines(lines)


def _sizes(size: int, limit: int) -> tuple[str, str]:
    def human(n: int) -> str:
        for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
            if n >= factor:
                return f"{n / factor:.1f} {unit}"
        return f"{n} B"

    # 1.0 MiB over 1.0 MiB would read as a mistake: fall back to bytes
    pair = human(size), human(limit)
    return pair if pair[0] != pair[1] else (f"{size} bytes", f"{limit} bytes")
