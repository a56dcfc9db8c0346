"""Read the files of a git ref straight from the object store: no checkout, no work tree."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from schema_lint.engine import EngineError

_BLOB_MODES = (b"100644", b"100755")  # symlinks (120000) and submodules (160000) are skipped


class GitRefError(EngineError):
    """A ref that cannot be read: one line, exit 2."""


class Blob(NamedTuple):
    path: str  # relative to the folder the listing was made in, '/'-separated
    oid: str
    size: int


def _git(root: Path, args: Sequence[str], data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=data, capture_output=True, check=False
        )
    except OSError as exc:
        raise GitRefError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = os.fsdecode(done.stderr).strip().splitlines()
        raise GitRefError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def tree_of(root: Path, ref: str) -> str:
    """The tree object `ref` names; an error naming the ref when there is none."""
    if ref.startswith("-"):
        raise GitRefError(f"{ref}: not a git revision")
    try:
        out = _git(root, ["rev-parse", "--verify", "--quiet", f"{ref}^{{tree}}"])
    except GitRefError:
        raise GitRefError(f"{ref}: not a git revision in {root}") from None
    return out.decode().strip()


def list_files(root: Path, tree: str) -> list[Blob]:
    """The regular files of `tree` under `root` (git lists only what is below the folder it
    runs in, with paths relative to it)."""
    out = _git(root, ["ls-tree", "-r", "-z", "--long", tree])
    blobs = []
    for record in out.split(b"\0"):
        meta, _, path = record.partition(b"\t")
        fields = meta.split()
        if len(fields) == 4 and fields[0] in _BLOB_MODES and fields[1] == b"blob":
            blobs.append(Blob(os.fsdecode(path), fields[2].decode(), int(fields[3])))
    return blobs


def read_blobs(root: Path, oids: Sequence[str]) -> Iterator[bytes]:
    """The contents of `oids`, in order, from one `git cat-file --batch`: one object asked for
    and read at a time (git flushes after each), so a large tree is never held in memory."""
    if not oids:
        return
    try:
        process = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise GitRefError(f"cannot run git: {exc.strerror or exc}") from None
    assert process.stdin is not None and process.stdout is not None
    with process:
        for oid in oids:
            process.stdin.write(f"{oid}\n".encode())
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise GitRefError(f"{oid}: cannot read this object")
            size = int(header[2])
            data = process.stdout.read(size + 1)  # the content, then a newline
            if len(data) != size + 1:
                raise GitRefError(f"{oid}: git stopped while reading it")
            yield data[:size]
        process.stdin.close()
