"""Read a file scaffold did not write (a zip template, a record, a config) with bounds: regular files only, sized.

O_NONBLOCK: a FIFO or a device named like the file must not hang the run or exhaust memory; fstat refuses it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scaffold.errors import InputError


def read_limited(path: Path, limit: int, shown: str) -> bytes:
    """The bytes of the regular file `path`, at most `limit`; InputError naming `shown` otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, "is not a regular file")
        if info.st_size > limit:
            raise InputError(shown, f"file is too large ({info.st_size} bytes, limit {limit})")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(shown, f"file is too large (over {limit} bytes)")
    return data
