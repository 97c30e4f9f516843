"""On the host's network a container's port is the host's: two `scaffold verify` runs on one machine (parallel CI
jobs, a developer beside CI) would take each other's port. Each run holds the port it serves on for the length of
its run check, and another run waits for it, with a bound, instead of failing as "port already in use"."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

WAIT = 600.0
"""Seconds a run waits for another verify's hold on its port; then it goes on, and a port still taken is reported."""


def lock_dir() -> Path:
    """One folder per machine user, so that every verify of that user sees the same locks."""
    return Path(tempfile.gettempdir()) / f"scaffold-verify-ports-{os.getuid()}"


@contextlib.contextmanager
def held(port: int, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold `port` against the other verify runs of this machine; `waiting` hears once when another holds it."""
    try:
        folder = lock_dir()
        folder.mkdir(mode=0o700, exist_ok=True)
        handle = (folder / f"{port}.lock").open("w", encoding="utf-8")
    except OSError:
        yield  # no lock where the temporary folder is not writable: the port check still reports a collision
        return
    with handle:
        _take(handle.fileno(), port, waiting)
        yield


def _take(fd: int, port: int, waiting: Callable[[str], None]) -> None:
    said = f"run: another scaffold verify on this machine is using port {port}: waiting for it"
    lock_within(fd, WAIT, lambda: waiting(said))


def lock_within(fd: int, seconds: float, waiting: Callable[[], None]) -> bool:
    """Take an exclusive flock on `fd`, polling for at most `seconds` (`waiting` runs once, at the first miss);
    False when another holder kept it that long."""
    deadline = time.monotonic() + seconds
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if not told:
                waiting()
                told = True
            if time.monotonic() >= deadline:
                return False
            time.sleep(1)
