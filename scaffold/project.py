"""ProjectDir: the read-only view of a project that providers detect from.

Every read goes through here so that every bad file fails the same way: one InputError naming the file.
Reads are confined to the project: a path that resolves outside it (`..`, an absolute path, a symlink to a
file elsewhere) is refused by name, and nothing of its content is read. Walks are iterative and bounded in
depth and size, so a hostile tree cannot exhaust the stack.
"""

from __future__ import annotations

import codecs
import fnmatch
import json
import os
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from scaffold.errors import InputError

MAX_BYTES = 2 * 1024 * 1024
"""Manifests are small; anything bigger is refused rather than read into memory."""

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "vendor", ".venv", "venv", "__pycache__", ".tox", "dist", "build"}
)
"""Directories that never hold the project's own sources (walks skip them)."""
LENIENT_SOURCES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
"""Sources read with invalid UTF-8 replaced, as node reads them, instead of refused (old Latin-1 comments)."""


def is_virtualenv(path: Path) -> bool:
    """A virtualenv's folder: venv and virtualenv ≥ 20 write pyvenv.cfg at its top."""
    return os.path.lexists(path / "pyvenv.cfg")


MAX_DEPTH = 32
"""Walks do not descend deeper than this below the root (a real project's sources sit far above it)."""
MAX_DIRS = 20_000
"""Walks stop after visiting this many directories."""


class ProjectDir:
    """A project root that providers may look at but never change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()

    def path(self, rel: str) -> Path:
        """`root/rel`, or InputError if it is absolute or resolves (through `..` or symlinks) outside the project."""
        if PurePosixPath(rel).is_absolute():
            raise InputError(rel, "is outside the project; refusing to read it")
        path = self.root / rel
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            raise InputError(rel, "cannot be resolved (a symlink loop?); refusing to read it") from None
        if not real.is_relative_to(self.real_root):
            raise InputError(rel, f"resolves outside the project (to {real}); refusing to read it")
        return path

    def has(self, rel: str) -> bool:
        """True if `rel` is a regular file (or directory, for `dir/`); InputError if it lies outside the project."""
        if not os.path.lexists(self.root / rel):
            return False
        path = self.path(rel)
        return path.is_dir() if rel.endswith("/") else path.is_file()

    def is_dir(self, rel: str) -> bool:
        return os.path.lexists(self.root / rel) and self.path(rel).is_dir()

    def read_bytes(self, rel: str, limit: int = MAX_BYTES) -> bytes:
        path = self.path(rel)
        try:
            # O_NONBLOCK: a FIFO or device named like a manifest must not hang the run; fstat refuses it.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fh.fileno())
                if stat.S_ISDIR(info.st_mode):
                    raise IsADirectoryError
                if not stat.S_ISREG(info.st_mode):
                    raise InputError(rel, "is not a regular file")
                if info.st_size > limit:
                    raise InputError(rel, f"file is too large ({info.st_size} bytes, limit {limit})")
                return fh.read(limit + 1)
        except InputError:
            raise
        except IsADirectoryError:
            raise InputError(rel, "is a directory, expected a file") from None
        except OSError as exc:
            raise InputError(rel, f"cannot read: {exc.strerror or exc}") from None

    def read_text(self, rel: str, limit: int = MAX_BYTES) -> str:
        data = self.read_bytes(rel, limit)
        try:
            if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                # PowerShell's `pip freeze > requirements.txt` writes UTF-16 with a BOM, which pip reads too.
                return data.decode("utf-16")
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if rel.endswith(LENIENT_SOURCES):
                # node decodes a script as UTF-8 and replaces what is not (a Latin-1 comment still runs): so do we
                return data.decode("utf-8", errors="replace")
            raise InputError(rel, f"not valid UTF-8 (byte {exc.start}): save it as UTF-8") from None

    def read_json(self, rel: str) -> Any:
        text = self.read_text(rel)
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(rel, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise InputError(rel, "JSON nested too deeply") from None

    def read_toml(self, rel: str) -> dict[str, Any]:
        text = self.read_text(rel)
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(rel, f"invalid TOML: {exc}") from None
        except RecursionError:
            raise InputError(rel, "TOML nested too deeply") from None

    def glob(self, pattern: str) -> list[str]:
        """Relative paths matching a glob, sorted, skipping SKIP_DIRS; `**` walks iteratively (bounded)."""
        if "**" in pattern:
            return self._deep_glob(pattern)
        out = []
        for path in self.root.glob(pattern):
            rel = path.relative_to(self.root)
            if any(part in SKIP_DIRS for part in rel.parts[:-1]):
                continue
            out.append(rel.as_posix())
        return sorted(out)

    def _deep_glob(self, pattern: str) -> list[str]:
        head, _, tail = pattern.partition("**/")
        if not self.is_dir(head or "."):
            return []
        out = []
        for rel in self._files(head.rstrip("/") or ".", SKIP_DIRS, hidden=True):
            under = PurePosixPath(rel).relative_to(head) if head else PurePosixPath(rel)
            if fnmatch.fnmatchcase(under.name, tail) if "/" not in tail else under.match(tail):
                out.append(rel)
        return sorted(out)

    def walk(self, suffixes: tuple[str, ...], limit: int = 2000, skip: frozenset[str] = SKIP_DIRS) -> Iterator[str]:
        """Relative paths of files with these suffixes (at most `limit`), skipping `skip` and dot dirs."""
        count = 0
        for rel in self._files(".", skip, hidden=False):
            if rel.endswith(suffixes):
                yield rel
                count += 1
                if count >= limit:
                    return

    def _files(self, start: str, skip: frozenset[str], hidden: bool) -> Iterator[str]:
        """Files under `start`, depth first in sorted order like os.walk, without recursion or symlinked dirs."""
        stack = [(self.root / start, 0)]
        visited = 0
        while stack and visited < MAX_DIRS:
            directory, depth = stack.pop()
            visited += 1
            try:
                with os.scandir(directory) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            subdirs = []
            for entry in entries:
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    # A symlinked directory is not walked (it may loop or lead outside); FIFOs, sockets and
                    # devices are nobody's sources (reading one could block).
                    is_file = not is_dir and entry.is_file() and not entry.is_dir()
                except OSError:
                    continue
                if is_dir:
                    wanted = entry.name not in skip and (hidden or not entry.name.startswith(".")) and depth < MAX_DEPTH
                    # A committed virtualenv under any name (env/, myenv/): thousands of installed files, none the
                    # project's, which would use up the walk's limit before the project's own folders.
                    if wanted and not is_virtualenv(Path(entry.path)):
                        subdirs.append(Path(entry.path))
                elif is_file:
                    yield Path(entry.path).relative_to(self.root).as_posix()
            stack.extend((d, depth + 1) for d in reversed(subdirs))
