"""The only module that writes into a user's project.

plan() compares bytes and decides nothing irreversible. apply() writes every file to a temp file beside
its target first, then renames them into place; if anything fails or the user presses Ctrl-C midway,
the renames already done are rolled back, so the project is left as it was. Paths outside the target
or through a symlink are refused before the first write.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path, PurePosixPath

from scaffold.errors import WriteError
from scaffold.models import Action, FileChange, FileResult, Outcome


def plan(files: Mapping[str, bytes], target: Path) -> list[FileChange]:
    """Classify every generated file: create (absent), unchanged (same bytes) or conflict (different)."""
    changes = []
    for rel, data in sorted(files.items()):
        path = safe_path(target, rel)
        if not path.exists():
            changes.append(FileChange(rel, Action.CREATE, data))
            continue
        if not path.is_file():
            raise WriteError(f"{rel}: exists and is not a regular file; refusing to replace it")
        old = read_file(path, rel)
        action = Action.UNCHANGED if old == data else Action.CONFLICT
        changes.append(FileChange(rel, action, data, old))
    return changes


def safe_path(target: Path, rel: str) -> Path:
    """`target/rel`, or WriteError if rel escapes the target or any part of it is a symlink."""
    pure = PurePosixPath(rel)
    if pure.is_absolute() or not pure.parts or any(p in ("..", ".", "") for p in pure.parts):
        raise WriteError(f"{rel}: refusing a path outside the project")
    path = target
    for part in pure.parts:
        path = path / part
        if path.is_symlink():
            raise WriteError(f"{path.relative_to(target).as_posix()}: is a symlink; refusing to write through it")
    return path


def apply(
    changes: Sequence[FileChange], target: Path, overwrite: Collection[str] = (), no_backup: Collection[str] = ()
) -> list[FileResult]:
    """Write creates, and the conflicts named in `overwrite`; all or nothing.

    Each overwritten file is first copied to a .bak beside it, except those in `no_backup`: scaffold's
    own record, and files whose new content already holds the user's edits (a 3-way merge).
    """
    for change in changes:
        safe_path(target, change.path)
    results: list[FileResult] = []
    tx = _Transaction(target)
    try:
        for change in changes:
            if change.action is Action.UNCHANGED:
                results.append(FileResult(change.path, Outcome.UNCHANGED))
            elif change.action is Action.CONFLICT and change.path not in overwrite:
                results.append(FileResult(change.path, Outcome.SKIPPED))
            elif change.action is Action.CREATE:
                tx.create(change)
                results.append(FileResult(change.path, Outcome.CREATED))
            else:
                backup = tx.overwrite(change, backup=change.path not in no_backup)
                outcome = Outcome.OVERWRITTEN if backup else Outcome.UPDATED
                results.append(FileResult(change.path, outcome, backup))
        tx.commit()
    except OSError as exc:
        tx.rollback()
        where = Path(exc.filename).name if exc.filename else str(target)
        raise WriteError(f"{where}: {exc.strerror or exc}; nothing was written") from None
    except BaseException:
        tx.rollback()
        raise
    return results


class _Transaction:
    """Temp files staged beside their targets; renamed in at commit; undone on failure."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.staged: list[tuple[Path, Path, FileChange]] = []
        self.new_dirs: list[Path] = []
        self.backups: list[Path] = []
        self.done: list[tuple[Path, FileChange]] = []

    def create(self, change: FileChange) -> None:
        self._stage(change, mode=None)

    def overwrite(self, change: FileChange, backup: bool) -> str | None:
        path = self.target / change.path
        mode = stat.S_IMODE(path.stat().st_mode)
        self._stage(change, mode)
        if not backup:
            return None
        copy = _free_backup_name(path)
        self.backups.append(copy)
        _atomic_write(copy, change.old or b"", mode)
        return copy.relative_to(self.target).as_posix()

    def _stage(self, change: FileChange, mode: int | None) -> None:
        path = self.target / change.path
        self._mkdirs(path.parent)
        tmp = _temp_file(path, change.new, mode)
        self.staged.append((tmp, path, change))

    def _mkdirs(self, directory: Path) -> None:
        missing = []
        while not directory.exists():
            missing.append(directory)
            directory = directory.parent
        for d in reversed(missing):
            d.mkdir()
            self.new_dirs.append(d)

    def commit(self) -> None:
        for tmp, path, change in self.staged:
            current = read_file(path, change.path) if path.exists() else None
            if current != change.old:
                raise WriteError(f"{change.path}: changed on disk while scaffold was running; nothing was written")
            tmp.replace(path)
            self.done.append((path, change))
        self.staged = []

    def rollback(self) -> None:
        for path, change in reversed(self.done):
            with contextlib.suppress(OSError):
                if change.old is None:
                    path.unlink()
                else:
                    _atomic_write(path, change.old, stat.S_IMODE(path.stat().st_mode))
        for tmp, _, _ in self.staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for backup in self.backups:
            with contextlib.suppress(OSError):
                backup.unlink()
        for d in reversed(self.new_dirs):
            with contextlib.suppress(OSError):
                d.rmdir()


def read_file(path: Path, rel: str) -> bytes:
    """The bytes of a project file; WriteError naming `rel` if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise WriteError(f"{rel}: cannot read: {exc.strerror or exc}") from None


def _free_backup_name(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temp_file(path: Path, data: bytes, mode: int | None) -> Path:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".scaffold-tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(_default_mode() if mode is None else mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    tmp = _temp_file(path, data, mode)
    try:
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
