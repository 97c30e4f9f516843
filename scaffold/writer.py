"""The only module that writes into a user's project.

plan() compares bytes and decides nothing irreversible. apply() is one transaction, under a lock on the
project directory (a second run waits a few seconds, then fails with one line):

1. every new file goes to a fsynced temp file beside its target, and every user file about to be replaced
   is first copied to a fsynced .bak; SIGINT/SIGTERM in this phase roll everything back ("nothing was
   written");
2. a journal naming each temp file and its target is fsynced, then the temps are renamed into place. From
   the journal on, SIGINT/SIGTERM are held until the renames are done and the message says the write was
   finished. An error in a rename still rolls back.

A run killed outright (SIGKILL, power loss) leaves every file old or new with its backup present; the next
run rolls the journal forward (so .scaffold.yaml matches the files again) and removes stray temp files.
Paths outside the target or through a symlink are refused before the first write.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import stat
import tempfile
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath

from scaffold import signals
from scaffold.errors import Interrupted, ProjectBusy, WriteError
from scaffold.models import Action, FileChange, FileResult, Outcome

TEMP_SUFFIX = ".scaffold-tmp"
JOURNAL = ".scaffold.journal"
LOCK_WAIT_ENV = "SCAFFOLD_LOCK_WAIT"
LOCK_WAIT = 5.0
"""Seconds a run waits for another run on the same project before giving up."""
PAUSE_ENV = "SCAFFOLD_TEST_PAUSE_AT"
"""Test hook: `<step>:<seconds>` sleeps before that commit step (1 = first staged write), so a test can aim a
real signal at it. Steps are counted in _Transaction._step."""


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
    """Write creates, and the conflicts named in `overwrite`; all or nothing (see the module doc).

    Each overwritten file is first copied to a .bak beside it, except those in `no_backup`: scaffold's
    own record, and files whose new content already holds the user's edits (a 3-way merge).
    """
    for change in changes:
        safe_path(target, change.path)
    with project_lock(target), signals.held() as held:
        recover(target, {(target / c.path).parent for c in changes if (target / c.path).parent.is_dir()})
        changes = _refresh(changes, target)
        results: list[FileResult] = []
        tx = _Transaction(target, held)
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
    if held.signal is not None:
        written = ", ".join(r.path for r in results if r.outcome not in (Outcome.UNCHANGED, Outcome.SKIPPED))
        raise Interrupted(
            f"interrupted while files were being renamed into place; scaffold finished the write: {written}"
        )
    return results


@contextlib.contextmanager
def project_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive flock on the project directory; re-entrant within one process.

    Locking the directory itself leaves no lock file in the project. On entry, the leftovers of a killed run
    are repaired: its journal is rolled forward and its stray temp files removed.
    """
    key = str(target.resolve())
    if key in _LOCKED:
        yield
        return
    try:
        fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise WriteError(f"{target}: cannot open the project to lock it: {exc.strerror or exc}") from None
    try:
        wait = _lock_wait()
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ProjectBusy(
                        f"{target}: another scaffold run is writing to this project (waited {wait:g} s); "
                        "nothing was written. Run scaffold again when it has finished"
                    ) from None
                time.sleep(0.05)
        _LOCKED.add(key)
        try:
            recover(target)
            yield
        finally:
            _LOCKED.discard(key)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


_LOCKED: set[str] = set()
_WRITTEN: list[str] = []


def written_paths() -> list[str]:
    """Files this process has renamed into a project (and not rolled back): what an interruption must mention."""
    return list(_WRITTEN)


def _lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT)))
    except ValueError:
        return LOCK_WAIT


def recover(target: Path, dirs: Collection[Path] = ()) -> list[str]:
    """Finish a killed run's commit (roll its journal forward) and remove stray temp files; the paths fixed.

    Temp files are looked for in the project's top two levels and in `dirs` (where this run will write).
    """
    fixed = []
    journal = target / JOURNAL
    if journal.is_file() and not journal.is_symlink():
        try:
            entries = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = []
        for entry in entries if isinstance(entries, list) else []:
            if _roll_forward(target, entry):
                fixed.append(str(entry[1]))
        with contextlib.suppress(OSError):  # a read-only project: the write itself will say so
            _fsync_dir(target)
            journal.unlink(missing_ok=True)
    where = {target, *dirs}
    with contextlib.suppress(OSError):
        where |= {d for d in target.iterdir() if d.is_dir() and not d.is_symlink()}
    for directory in where:
        with contextlib.suppress(OSError):
            for item in directory.iterdir():
                if _is_temp(item.name) and item.is_file() and not item.is_symlink():
                    item.unlink()
    return fixed


def _roll_forward(target: Path, entry: object) -> bool:
    """Rename one journal entry's temp file onto its target, if it is still there and is what we name temps."""
    if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry)):
        return False
    tmp_rel, rel = entry
    tmp_pure, pure = PurePosixPath(tmp_rel), PurePosixPath(rel)
    if tmp_pure.parent != pure.parent or not (_is_temp(tmp_pure.name) and tmp_pure.name.startswith(f".{pure.name}.")):
        return False
    try:
        tmp, path = safe_path(target, tmp_rel), safe_path(target, rel)
        if tmp.is_file() and not tmp.is_symlink():
            tmp.replace(path)
            return True
    except (WriteError, OSError):
        pass
    return False


def _is_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def _refresh(changes: Sequence[FileChange], target: Path) -> list[FileChange]:
    """Under the lock: every file must still hold what plan() saw, or the decisions taken on it are stale.

    A file that meanwhile got exactly the new bytes (a concurrent run of the same generation) is unchanged.
    """
    out = []
    for change in changes:
        path = target / change.path
        current = read_file(path, change.path) if path.exists() else None
        if current == change.old:
            out.append(change)
        elif current == change.new:
            out.append(FileChange(change.path, Action.UNCHANGED, change.new, current))
        else:
            raise WriteError(
                f"{change.path}: changed on disk while scaffold was running; nothing was written. Run scaffold again"
            )
    return out


class _Transaction:
    """Temp files staged beside their targets; renamed in at commit; undone on failure."""

    def __init__(self, target: Path, held: signals.Held) -> None:
        self.target = target
        self.held = held
        self.staged: list[tuple[Path, Path, FileChange]] = []
        self.new_dirs: list[Path] = []
        self.backups: list[Path] = []
        self.done: list[tuple[Path, FileChange]] = []
        self.steps = 0
        self.pause = _pause_setting()

    def _step(self) -> None:
        """A point where a signal rolls back (before the journal) and where a test may pause."""
        self.steps += 1
        if self.pause is not None and self.pause[0] == self.steps:
            time.sleep(self.pause[1])
        if self.held.signal is not None and not self.held.committing:
            raise Interrupted()

    def create(self, change: FileChange) -> None:
        self._stage(change, mode=None)

    def overwrite(self, change: FileChange, backup: bool) -> str | None:
        path = self.target / change.path
        mode = stat.S_IMODE(path.stat().st_mode)
        self._stage(change, mode)
        if not backup:
            return None
        self._step()
        copy = _free_backup_name(path)
        self.backups.append(copy)
        # O_EXCL: a backup never replaces a file, even one that appeared since _free_backup_name looked.
        _exclusive_write(copy, change.old or b"", mode)
        return copy.relative_to(self.target).as_posix()

    def _stage(self, change: FileChange, mode: int | None) -> None:
        self._step()
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
        self._step()
        for directory in {path.parent for _, path, _ in self.staged} | {b.parent for b in self.backups}:
            _fsync_dir(directory)  # the temps and backups are durable before the first user file is replaced
        if not self.staged:
            return
        entries = [[tmp.relative_to(self.target).as_posix(), c.path] for tmp, _, c in self.staged]
        journal = self.target / JOURNAL
        _exclusive_write(journal, json.dumps(entries).encode(), 0o600)
        _fsync_dir(self.target)
        self.held.committing = True
        for tmp, path, change in self.staged:
            self._step()
            tmp.replace(path)
            self.done.append((path, change))
            _WRITTEN.append(change.path)
        self.staged = []
        for directory in {path.parent for path, _ in self.done}:
            _fsync_dir(directory)
        journal.unlink()
        _fsync_dir(self.target)

    def rollback(self) -> None:
        for path, change in reversed(self.done):
            with contextlib.suppress(ValueError):
                _WRITTEN.remove(change.path)
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
        with contextlib.suppress(OSError):
            (self.target / JOURNAL).unlink()


def _pause_setting() -> tuple[int, float] | None:
    raw = os.environ.get(PAUSE_ENV, "")
    step, _, seconds = raw.partition(":")
    try:
        return int(step), float(seconds or "1")
    except ValueError:
        return None


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exclusive_write(path: Path, data: bytes, mode: int) -> None:
    """Create `path` (never replacing anything) with `data`, fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


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
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
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
