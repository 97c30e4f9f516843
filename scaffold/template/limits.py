"""Bounds on rendering a template scaffold does not trust: time, memory and output size.

Jinja's sandbox keeps Python's internals out of reach but not loops and allocations: nested
`range(100000)` loops, `"x" * 10**9` or `"x"|center(10**9)` are valid Jinja. Untrusted rendering runs under
a wall-clock alarm (SIGALRM; $SCAFFOLD_RENDER_TIMEOUT seconds, default 20), with the process's address
space capped at its current size plus a headroom (RLIMIT_AS, lifted again afterwards), and each rendered
file is capped in size. Each ends in one line, exit 2.
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from scaffold.errors import TemplateError

TIMEOUT_ENV = "SCAFFOLD_RENDER_TIMEOUT"
TIMEOUT = 20.0
MEMORY_HEADROOM = 1024 * 1024 * 1024
"""Bytes of address space an untrusted render may add to what scaffold already uses."""
MAX_FILE_BYTES = 2 * 1024 * 1024
"""The largest file a template may render (a Dockerfile is a few kB)."""
MAX_TOTAL_BYTES = 4 * 1024 * 1024
"""The most a template may render in all."""


class RenderLimit(TemplateError):
    """An untrusted template went past a rendering bound."""


def timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV)
    if raw is None:
        return TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise TemplateError(f"${TIMEOUT_ENV}={raw!r}: expected a positive number of seconds")
    return value


@contextlib.contextmanager
def bounded(trusted: bool, what: str) -> Iterator[None]:
    """Run the body under the rendering bounds unless the template is trusted (nesting-safe)."""
    if trusted or getattr(_state, "active", False) or threading.current_thread() is not threading.main_thread():
        yield
        return
    seconds = timeout()

    def expire(_sig: int, _frame: FrameType | None) -> None:
        raise RenderLimit(f"{what}: rendering took longer than {seconds:g} s, gave up (set ${TIMEOUT_ENV})")

    previous = signal.signal(signal.SIGALRM, expire)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    cap = used + MEMORY_HEADROOM
    limited = used > 0 and (hard == resource.RLIM_INFINITY or cap < hard)
    _state.active = True
    try:
        if limited and (soft == resource.RLIM_INFINITY or cap < soft):
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        except MemoryError:
            raise RenderLimit(f"{what}: rendering needed more than {MEMORY_HEADROOM >> 20} MB, gave up") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        _state.active = False


_state = threading.local()


def _address_space() -> int:
    try:
        return int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def check_size(text: str, what: str) -> str:
    """`text` if it is no larger than one rendered file may be."""
    if len(text) > MAX_FILE_BYTES:
        raise RenderLimit(f"{what}: a rendered file is larger than {MAX_FILE_BYTES >> 20} MB, refused")
    return text
