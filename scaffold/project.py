"""ProjectDir: the read-only view of a project that providers detect from.

Every read goes through here so that every bad file fails the same way: one InputError naming the file.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scaffold.errors import InputError

MAX_BYTES = 2 * 1024 * 1024
"""Manifests are small; anything bigger is refused rather than read into memory."""

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "vendor", ".venv", "venv", "__pycache__", ".tox", "dist", "build"}
)
"""Directories that never hold the project's own sources (walks skip them)."""


class ProjectDir:
    """A project root that providers may look at but never change."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def has(self, rel: str) -> bool:
        """True if `rel` is a regular file (or directory, for `dir/`)."""
        path = self.root / rel
        return path.is_dir() if rel.endswith("/") else path.is_file()

    def is_dir(self, rel: str) -> bool:
        return (self.root / rel).is_dir()

    def read_bytes(self, rel: str, limit: int = MAX_BYTES) -> bytes:
        path = self.root / rel
        try:
            size = path.stat().st_size
            if size > limit:
                raise InputError(rel, f"file is too large ({size} bytes, limit {limit})")
            with path.open("rb") as fh:
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
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(rel, f"not valid UTF-8 (byte {exc.start})") from None

    def read_json(self, rel: str) -> Any:
        try:
            return json.loads(self.read_text(rel))
        except json.JSONDecodeError as exc:
            raise InputError(rel, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None

    def read_toml(self, rel: str) -> dict[str, Any]:
        try:
            return tomllib.loads(self.read_text(rel))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(rel, f"invalid TOML: {exc}") from None

    def glob(self, pattern: str) -> list[str]:
        """Relative paths matching a glob, sorted, skipping SKIP_DIRS."""
        out = []
        for path in self.root.glob(pattern):
            rel = path.relative_to(self.root)
            if any(part in SKIP_DIRS for part in rel.parts[:-1]):
                continue
            out.append(rel.as_posix())
        return sorted(out)

    def walk(self, suffixes: tuple[str, ...], limit: int = 2000, skip: frozenset[str] = SKIP_DIRS) -> Iterator[str]:
        """Relative paths of files with these suffixes (at most `limit`), skipping `skip` and dot dirs."""
        count = 0
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if d not in skip and not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(suffixes):
                    yield Path(dirpath, name).relative_to(self.root).as_posix()
                    count += 1
                    if count >= limit:
                        return
